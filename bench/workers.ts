/**
 * `deno task bench workers`: concurrency is not parallelism, measured.
 *
 * The same CPU-bound job (counting primes below two million) twice, three ways
 * (`measureCpuJobs`):
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
import { countPrimes, type JobRun, measureCpuJobs, WorkerPool } from "../lib/scheduler/mod.ts";
import { saveSvg, timeline } from "../lib/chart/mod.ts";

const LIMIT = 2_000_000;
const RUNS = 7;
const WAYS = [
  ["main thread, one after the other", "serial"],
  ["main thread, interleaved (yielding)", "interleaved"],
  ["two Workers, in parallel", "workers"],
] as const;

const best = (runs: JobRun[]) => runs.reduce((a, b) => (b.ms < a.ms ? b : a));
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
  const speedup = base / best(of("workers")).ms;
  console.log(
    `\ntwo Workers: ${speedup.toFixed(2)}× faster than serial ` +
      (speedup > 1.6 ? "(parallel: both cores busy)" : "(below 1.6×: is something else busy?)"),
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
