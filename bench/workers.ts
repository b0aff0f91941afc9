/**
 * `deno task bench workers`: concurrency is not parallelism, measured.
 *
 * The same CPU-bound job (counting primes below two million) twice, three ways
 * (`measureCpuJobs`):
 * 1. serially on the main thread;
 * 2. interleaved on the main thread's event loop (chunks that yield): concurrent,
 *    but one thread, so no faster;
 * 3. in two Workers: two isolates on two OS threads, in parallel;
 * and, as the reference for what this machine allows, the same two jobs in two
 * separate Deno processes started together (`runInProcess`): no JavaScript
 * layer can run two jobs faster than two whole processes on the same cores.
 *
 * Prints the best and the median of several runs and the speedup over serial
 * (from the best runs: the least disturbed by whatever else the machine does).
 * With `--svg=<path>` it also draws the best run of each way as a timeline.
 *
 * @module
 */
import {
  countPrimes,
  type JobRun,
  measureCpuJobs,
  runInProcess,
  WorkerPool,
} from "../lib/scheduler/mod.ts";
import { saveSvg, timeline } from "../lib/chart/mod.ts";

const LIMIT = 2_000_000;
const RUNS = 7;
const WAYS = [
  ["main thread, one after the other", "serial"],
  ["main thread, interleaved (yielding)", "interleaved"],
  ["two Workers, in parallel", "workers"],
] as const;

const PROCESS_RUNS = 3;

const best = (runs: JobRun[]) => runs.reduce((a, b) => (b.ms < a.ms ? b : a));

/**
 * Runs in each child process: compiles and warms the job, waits for the shared
 * start instant (so both compute together, not while the other one starts),
 * and returns when it computed, in wall-clock ms.
 */
function spanInProcess(d: { source: string; limit: number; startAt: number }) {
  const job = (0, eval)(`(${d.source})`);
  job(d.limit);
  while (Date.now() < d.startAt) { /* spin: both processes leave together */ }
  const start = Date.now();
  job(d.limit);
  return { start, end: Date.now() };
}

/** Wall-clock ms for two processes computing at once, best of a few tries. */
async function twoProcesses(): Promise<number> {
  const spans: number[] = [];
  for (let run = 0; run < PROCESS_RUNS; run++) {
    const data = { source: countPrimes.toString(), limit: LIMIT, startAt: Date.now() + 2_000 };
    const runs = await Promise.all([
      runInProcess(spanInProcess, data),
      runInProcess(spanInProcess, data),
    ]);
    spans.push(
      Math.max(...runs.map((r) => r.value.end)) - Math.min(...runs.map((r) => r.value.start)),
    );
  }
  return Math.min(...spans);
}
const median = (runs: JobRun[]) => [...runs].sort((a, b) => a.ms - b.ms)[runs.length >> 1];

if (import.meta.main) {
  // `--svg=<path>` (what `deno task bench workers --svg=out.svg` passes through) or `--svg <path>`.
  const svgAt = Deno.args.indexOf("--svg");
  const svgPath = Deno.args.find((a) => a.startsWith("--svg="))?.slice(6) ??
    (svgAt >= 0 ? Deno.args[svgAt + 1] : undefined);
  console.log(
    `CPU-bound job: countPrimes(${LIMIT.toLocaleString("en")}), twice; ` +
      `${navigator.hardwareConcurrency} cores; load average ${Deno.loadavg()[0].toFixed(2)}; ` +
      `${RUNS} runs each\n`,
  );

  await using pool = new WorkerPool(2);
  // Start both Workers and compile the job everywhere before measuring.
  await measureCpuJobs({ limit: LIMIT, pool });
  const all: JobRun[] = [];
  for (let run = 0; run < RUNS; run++) all.push(...await measureCpuJobs({ limit: LIMIT, pool }));
  const of = (way: string) => all.filter((r) => r.way === way);

  const base = best(of("serial")).ms;
  console.log(`| way                                  | best (ms) | median (ms) | speedup |`);
  console.log(`|--------------------------------------|----------:|------------:|--------:|`);
  for (const [label, way] of WAYS) {
    const [b, m] = [best(of(way)).ms, median(of(way)).ms];
    console.log(
      `| ${label.padEnd(36)} | ${b.toFixed(0).padStart(9)} | ${m.toFixed(0).padStart(11)} | ${
        (base / b).toFixed(2).padStart(6)
      }× |`,
    );
  }
  const processes = await twoProcesses();
  console.log(
    `| ${"reference: two OS processes at once".padEnd(36)} | ${
      processes.toFixed(0).padStart(9)
    } | ${"(best of 3)".padStart(11)} | ${(base / processes).toFixed(2).padStart(6)}× |`,
  );
  const speedup = base / best(of("workers")).ms;
  console.log(
    `\ntwo Workers: ${speedup.toFixed(2)}× faster than serial ` +
      (speedup > 1.6 ? "(parallel: both cores busy)" : "(below 1.6×: is something else busy?)") +
      `; two whole processes reach ${(base / processes).toFixed(2)}× on this machine`,
  );
  // Same answer every way: the speedup is not bought with a wrong result.
  console.log(`(each job finds ${countPrimes(LIMIT).toLocaleString("en")} primes)`);

  if (svgPath) {
    await saveSvg(
      timeline(WAYS.map(([, way]) => best(of(way))), {
        title: "The same two CPU-bound jobs, three ways",
        subtitle: `countPrimes(${LIMIT.toLocaleString("en")}) twice; the best of ${RUNS} runs each`,
        unit: "ms",
      }),
      svgPath,
    );
    console.log(`timeline written to ${svgPath}`);
  }
}
