/**
 * `deno task bench alloc`: what one small byte array costs to make, under Deno
 * and, side by side, under Node (same engine, V8), and what the course's
 * `ReadArena` (lib/socket/_read_arena.ts) pays per 64-byte read instead.
 *
 * Why it is a benchmark: the echo server's cost per message is a few
 * microseconds, and a real socket must hand every read's bytes out as an
 * array of their own. Node keeps byte arrays of up to 64 bytes on V8's own
 * heap (a pointer bump); Deno's V8 allocates every `ArrayBuffer` outside it.
 * This prints both, so the choice in `_read_arena.ts` rests on a number taken
 * on the machine at hand.
 *
 * Flags: `--rounds=2000000` (allocations per case).
 *
 * @module
 */
import { ReadArena } from "../lib/socket/_read_arena.ts";
import { markdownTable } from "./_table.ts";

/** The cases, as source text, so that Node can run the very same loops. */
const CASES: Record<string, string> = {
  "new Uint8Array(64)": "keep[i & 63] = new Uint8Array(64);",
  "new ArrayBuffer(64)": "keep[i & 63] = new ArrayBuffer(64);",
  "bytes.slice(0, 64) of 1 KiB": "keep[i & 63] = big.slice(0, 64);",
  "bytes.subarray(0, 64) (a view)": "keep[i & 63] = big.subarray(0, 64);",
  "a plain object": "keep[i & 63] = { at: i };",
};

/** One script that times every case and prints `name<TAB>ns` lines. */
function script(rounds: number): string {
  const cases = Object.entries(CASES).map(([name, body]) =>
    `run(${JSON.stringify(name)}, () => { for (let i = 0; i < ${rounds}; i++) ${body} });`
  );
  return [
    "const keep = new Array(64); const big = new Uint8Array(1024);",
    "function run(name, f) { f(); const t = performance.now(); f();",
    `  console.log(name + "\\t" + ((performance.now() - t) * 1e6 / ${rounds}).toFixed(0)); }`,
    ...cases,
  ].join("\n");
}

/** Runs `script` under a runtime; name to nanoseconds, or null when the runtime is missing. */
async function timeUnder(cmd: string, args: string[]): Promise<Map<string, number> | null> {
  try {
    const out = await new Deno.Command(cmd, { args, stdout: "piped", stderr: "inherit" }).output();
    if (!out.success) return null;
    const lines = new TextDecoder().decode(out.stdout).trim().split("\n");
    return new Map(lines.map((line) => {
      const [name, ns] = line.split("\t");
      return [name, Number(ns)];
    }));
  } catch {
    return null; // not installed
  }
}

/** Nanoseconds per 64-byte read handed out by a `ReadArena` of 1 KiB buffers. */
function arenaNs(rounds: number): number {
  const arena = new ReadArena(1024, 1024);
  const keep: Uint8Array[] = new Array(64);
  const once = () => {
    for (let i = 0; i < rounds; i++) {
      arena.space();
      keep[i & 63] = arena.take(64);
    }
  };
  once();
  const start = performance.now();
  once();
  return (performance.now() - start) * 1e6 / rounds;
}

if (import.meta.main) {
  const joined = Deno.args.find((a) => a.startsWith("--rounds="));
  const rounds = joined ? Number(joined.slice("--rounds=".length)) : 2_000_000;
  const source = script(rounds);
  const deno = await timeUnder(Deno.execPath(), ["eval", source]);
  const node = await timeUnder("node", ["-e", source]);
  if (deno === null) throw new Error("deno eval failed");
  const rows = [...deno].map(([name, ns]) => [
    name,
    `${ns}`,
    node?.has(name) ? `${node.get(name)}` : "n/a",
  ]);
  rows.push(["ReadArena: space() + take(64)", arenaNs(rounds).toFixed(0), "-"]);
  const header = ["ns per allocation", "Deno", node === null ? "Node (not installed)" : "Node"];
  console.log(markdownTable(header, rows));
}
