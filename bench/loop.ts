/**
 * `deno task bench loop`: the teaching event loop side by side with CPython's
 * asyncio and native Deno, on the same machine in the same run.
 *
 * Rows: a chain of 1,000,000 `callSoon` callbacks; 100 tasks x 10,000
 * `sleep(0)` switches; 100,000 tasks each sleeping 0.1 s (real clock, and the
 * virtual clock for ours); peak memory of 1,000,000 pending tasks. Each
 * (side, row) runs in its own process (bench/_loop_side.ts for Deno,
 * bench/loop_asyncio.py for Python), best of a few repeats for the rates, so
 * heaps and memory peaks never mix. Our loop runs every row twice: with and
 * without tracing. The sides take turns, `BENCH_ROUNDS` (3) rounds of them,
 * and each keeps its best: on a shared machine a busy moment then slows one
 * round of every side, not one side's only run. Two rows measure the coordination primitives: 10
 * producers and 10 consumers passing 200,000 items through a `Queue` of
 * maxsize 10 (both sides wait, so every item is a put/get pair with
 * wake-ups), and 100 tasks taking a `Lock` 1,000 times each, holding it
 * across a `sleep(0)` so that the other 99 queue up (contention).
 *
 * Targets: callbacks >= 30x asyncio's rate, switches, queue and lock >= 10x,
 * and tracing costs at most 2x. Exits 1 if a target is missed.
 *
 * @module
 */
import { markdownTable } from "./_table.ts";
import type { Measurement } from "./_loop_side.ts";

const here = new URL(".", import.meta.url);
const REPEATS = Number(Deno.env.get("BENCH_REPEATS") ?? 5);
const ROUNDS = Number(Deno.env.get("BENCH_ROUNDS") ?? 3);

async function runJson(command: string, args: string[]): Promise<Measurement> {
  const { code, stdout, stderr } = await new Deno.Command(command, {
    args,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(stdout).trim();
  if (code !== 0) {
    throw new Error(`${command} ${args.join(" ")} failed:\n${new TextDecoder().decode(stderr)}`);
  }
  return JSON.parse(text.split("\n").at(-1)!);
}

function deno(side: string, row: string, repeats: number): Promise<Measurement> {
  return runJson(Deno.execPath(), [
    "run",
    "-A",
    new URL("_loop_side.ts", here).pathname,
    side,
    row,
    String(repeats),
  ]);
}

function python(row: string, repeats: number): Promise<Measurement> {
  return runJson("python3", [new URL("loop_asyncio.py", here).pathname, row, String(repeats)]);
}

type Cell = Measurement | null;

interface Row {
  label: string;
  unit: "rate" | "seconds" | "memory";
  ours: Cell;
  traced: Cell;
  asyncio: Cell;
  native: Cell;
}

/** The faster of two runs of one side (a memory row runs once). */
function faster(a: Cell, b: Cell): Cell {
  if (a === null || a.seconds === undefined) return b;
  if (b === null || b.seconds === undefined) return a;
  return b.seconds < a.seconds ? b : a;
}

const rate = (m: Cell) => (m && m.seconds ? m.ops / m.seconds : NaN);
const perTask = (m: Cell) => (m ? (m.peakBytes! - m.baselineBytes!) / m.ops : NaN);

function show(row: Row, m: Cell): string {
  if (m === null) return "n/a";
  if (row.unit === "rate") return `${(rate(m) / 1e6).toFixed(2)} M/s`;
  if (row.unit === "seconds") return `${m.seconds!.toFixed(3)} s`;
  return `${(m.peakBytes! / 2 ** 20).toFixed(0)} MB (${perTask(m).toFixed(0)} B/task)`;
}

// How many times better ours is than `other` (higher is better for ours).
function advantage(row: Row, ours: Cell, other: Cell): number {
  if (ours === null || other === null) return NaN;
  if (row.unit === "rate") return rate(ours) / rate(other);
  if (row.unit === "seconds") return other.seconds! / ours.seconds!;
  return perTask(other) / perTask(ours);
}

function table(rows: Row[]): string {
  const head = [
    "row",
    "ours",
    "ours traced",
    "asyncio",
    "native Deno",
    "ours/asyncio",
    "ours/native",
    "trace cost",
  ];
  const body = rows.map((r) => [
    r.label,
    show(r, r.ours),
    show(r, r.traced),
    show(r, r.asyncio),
    show(r, r.native),
    fmtRatio(advantage(r, r.ours, r.asyncio)),
    fmtRatio(advantage(r, r.ours, r.native)),
    fmtRatio(advantage(r, r.ours, r.traced)),
  ]);
  return markdownTable(head, body);
}

function fmtRatio(x: number): string {
  return Number.isNaN(x) ? "n/a" : `${x.toFixed(2)}x`;
}

if (import.meta.main) {
  const rows: Row[] = [];
  const add = async (
    label: string,
    unit: Row["unit"],
    row: string,
    opts: { repeats: number; asyncio: boolean; native: boolean; pyRepeats?: number },
  ) => {
    console.error(`measuring: ${label}`);
    const measured: Row = { label, unit, ours: null, traced: null, asyncio: null, native: null };
    for (let round = 0; round < (unit === "memory" ? 1 : ROUNDS); round++) {
      measured.ours = faster(measured.ours, await deno("ours", row, opts.repeats));
      measured.traced = faster(measured.traced, await deno("ours-traced", row, opts.repeats));
      if (opts.asyncio) {
        measured.asyncio = faster(measured.asyncio, await python(row, opts.pyRepeats ?? 1));
      }
      if (opts.native) {
        measured.native = faster(measured.native, await deno("native", row, opts.repeats));
      }
    }
    rows.push(measured);
  };
  await add("1,000,000 callSoon callbacks (chain)", "rate", "callbacks", {
    repeats: REPEATS,
    asyncio: true,
    native: true,
    pyRepeats: 2,
  });
  await add("100 tasks x 10,000 sleep(0) switches", "rate", "switches", {
    repeats: REPEATS,
    asyncio: true,
    native: true,
    pyRepeats: 2,
  });
  await add(
    "200,000 Queue put/get pairs (10 producers, 10 consumers, maxsize 10)",
    "rate",
    "queue",
    {
      repeats: REPEATS,
      asyncio: true,
      native: false,
      pyRepeats: 2,
    },
  );
  await add("100,000 Lock acquire/release, 100 tasks contending", "rate", "lock", {
    repeats: REPEATS,
    asyncio: true,
    native: false,
    pyRepeats: 2,
  });
  await add("100,000 tasks sleeping 0.1 s (real clock)", "seconds", "sleepers", {
    repeats: 3,
    asyncio: true,
    native: true,
  });
  await add("100,000 tasks sleeping 0.1 s (virtual clock)", "seconds", "sleepers-virtual", {
    repeats: 3,
    asyncio: false,
    native: false,
  });
  await add("peak memory, 1,000,000 pending tasks", "memory", "memory", {
    repeats: 1,
    asyncio: true,
    native: true,
  });

  console.log(table(rows));
  console.log(
    "\nrates: higher is better; seconds and memory: lower is better. Ratios are ours' advantage " +
      "(>1x: ours is faster or smaller); trace cost is how much slower tracing makes ours.",
  );

  const [callbacks, switches, queue, lock] = rows;
  const gain = (r: Row) => advantage(r, r.ours, r.asyncio);
  const targets: [string, string, boolean][] = [
    ["callbacks vs asyncio (>= 30x)", fmtRatio(gain(callbacks)), gain(callbacks) >= 30],
    ["switches vs asyncio (>= 10x)", fmtRatio(gain(switches)), gain(switches) >= 10],
    ["Queue put/get vs asyncio (>= 10x)", fmtRatio(gain(queue)), gain(queue) >= 10],
    ["Lock under contention vs asyncio (>= 10x)", fmtRatio(gain(lock)), gain(lock) >= 10],
    ...rows.filter((r) => r.unit !== "memory").map((r): [string, string, boolean] => {
      const cost = advantage(r, r.ours, r.traced);
      return [`tracing costs <= 2x: ${r.label}`, fmtRatio(cost), cost <= 2];
    }),
  ];
  console.log("\ntargets:");
  let missed = 0;
  for (const [name, shown, ok] of targets) {
    if (!ok) missed++;
    console.log(`  ${ok ? "met   " : "MISSED"} ${name}: ${shown}`);
  }
  Deno.exit(missed ? 1 : 0);
}
