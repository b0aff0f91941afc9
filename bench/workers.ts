/**
 * `deno task bench workers`: concurrency is not parallelism, measured.
 *
 * The same CPU-bound job (counting primes below two million) twice, three ways:
 * 1. serially on the main thread;
 * 2. interleaved on the main thread's event loop (chunks that yield): concurrent,
 *    but one thread, so no faster;
 * 3. in two Workers: two isolates on two OS threads, in parallel.
 *
 * Prints the best and the median of several runs and the speedup over serial
 * (from the best runs: the least disturbed by whatever else the machine does).
 * With `--svg=<path>` it also draws the best run of each way as a timeline.
 *
 * @module
 */
import { countPrimes, countPrimesChunked, WorkerPool } from "../lib/scheduler/mod.ts";
import { fillWaits, saveSvg, timeline, type TimelineBar } from "../lib/chart/mod.ts";

const LIMIT = 2_000_000;
const RUNS = 7;
const JOBS = ["job A", "job B"];

/** One measured run of the two jobs: wall time and a bar per stretch of running. */
interface Measurement {
  ms: number;
  bars: TimelineBar[];
}

function serial(): Measurement {
  const t0 = performance.now();
  const bars: TimelineBar[] = [];
  for (const job of JOBS) {
    const start = performance.now() - t0;
    countPrimes(LIMIT);
    bars.push({ lane: job, label: "main thread", kind: "cpu", start, end: performance.now() - t0 });
  }
  return { ms: performance.now() - t0, bars };
}

async function interleaved(): Promise<Measurement> {
  const t0 = performance.now();
  const bars: TimelineBar[] = [];
  await Promise.all(JOBS.map((job) =>
    countPrimesChunked(LIMIT, {
      chunk: 100_000,
      onChunk: (start, end) =>
        bars.push({ lane: job, label: "main", kind: "cpu", start: start - t0, end: end - t0 }),
    })
  ));
  return { ms: performance.now() - t0, bars };
}

async function inWorkers(pool: WorkerPool): Promise<Measurement> {
  const t0 = performance.now();
  const bars: TimelineBar[] = [];
  await Promise.all(JOBS.map(async (job, i) => {
    const start = performance.now() - t0;
    await pool.run(countPrimes, LIMIT);
    // Timed from the main thread: includes the (sub-millisecond) message round trip.
    const end = performance.now() - t0;
    bars.push({ lane: job, label: `worker ${i + 1}`, kind: "cpu", start, end });
  }));
  // Whichever Worker finished first, list job A first.
  bars.sort((a, b) => a.lane.localeCompare(b.lane));
  return { ms: performance.now() - t0, bars };
}

const best = (runs: Measurement[]) => runs.reduce((a, b) => (b.ms < a.ms ? b : a));
const median = (runs: Measurement[]) => [...runs].sort((a, b) => a.ms - b.ms)[runs.length >> 1];

if (import.meta.main) {
  // `--svg=<path>` (what `deno task bench workers --svg=out.svg` passes through) or `--svg <path>`.
  const svgAt = Deno.args.indexOf("--svg");
  const svgPath = Deno.args.find((a) => a.startsWith("--svg="))?.slice(6) ??
    (svgAt >= 0 ? Deno.args[svgAt + 1] : undefined);
  const load = Deno.loadavg()[0];
  console.log(
    `CPU-bound job: countPrimes(${LIMIT.toLocaleString("en")}), twice; ` +
      `${navigator.hardwareConcurrency} cores; load average ${
        load.toFixed(2)
      }; ${RUNS} runs each\n`,
  );

  await using pool = new WorkerPool(2);
  // Start both Workers and compile the job everywhere before measuring.
  await pool.map(countPrimes, [LIMIT, LIMIT]);
  countPrimes(LIMIT);
  await countPrimesChunked(LIMIT, { chunk: 100_000 });

  const results: Record<"serial" | "interleaved" | "workers", Measurement[]> = {
    serial: [],
    interleaved: [],
    workers: [],
  };
  for (let run = 0; run < RUNS; run++) {
    results.serial.push(serial());
    results.interleaved.push(await interleaved());
    results.workers.push(await inWorkers(pool));
  }
  const base = best(results.serial).ms;
  const ways = [
    ["main thread, one after the other", "serial"],
    ["main thread, interleaved (yielding)", "interleaved"],
    ["two Workers, in parallel", "workers"],
  ] as const;
  console.log(`| way                                  | best (ms) | median (ms) | speedup |`);
  console.log(`|--------------------------------------|----------:|------------:|--------:|`);
  for (const [label, key] of ways) {
    const [b, m] = [best(results[key]).ms, median(results[key]).ms];
    console.log(
      `| ${label.padEnd(36)} | ${b.toFixed(0).padStart(9)} | ${m.toFixed(0).padStart(11)} | ${
        (base / b).toFixed(2).padStart(6)
      }× |`,
    );
  }
  const speedup = base / best(results.workers).ms;
  console.log(
    `\ntwo Workers: ${speedup.toFixed(2)}× faster than serial ` +
      (speedup > 1.6 ? "(parallel: both cores busy)" : "(below 1.6×: is something else busy?)"),
  );

  if (svgPath) {
    // One row per job and way; gaps are waiting, so the interleaving shows.
    const bars = ways.flatMap(([, key]) =>
      fillWaits(best(results[key]).bars.map((bar) => ({ ...bar, lane: `${key}: ${bar.lane}` })), 0)
    );
    await saveSvg(
      timeline(bars, {
        title: "The same two CPU-bound jobs, three ways",
        subtitle: `countPrimes(${LIMIT.toLocaleString("en")}) twice; the best of ${RUNS} runs each`,
        unit: "ms",
      }),
      svgPath,
    );
    console.log(`timeline written to ${svgPath}`);
  }
}
