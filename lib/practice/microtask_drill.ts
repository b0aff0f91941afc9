/**
 * Microtask/macrotask drills: in which order does a small program log its
 * letters? Solved by a model of JavaScript's two queues (`orderOf`), which
 * the course's tests compare with running the program for real in Deno.
 *
 * @module
 */
import type { TimelineBar } from "../chart/mod.ts";
import type { Drill } from "./drill.ts";

/** One statement: a log, or a callback queued one of three ways (which may queue more). */
export interface Statement {
  /** The letter it logs. */
  letter: string;
  /** Logged right away, or from a callback queued with `setTimeout`, `.then` or `queueMicrotask`. */
  how: "log" | "setTimeout" | "then" | "queueMicrotask";
  /** What the callback does when it runs (statements queued from inside it). */
  then: Statement[];
}

/** One microtask problem: the statements of the script, in order. */
export interface MicrotaskProblem {
  /** The script's statements, top to bottom. */
  program: Statement[];
}

/** Where a letter ran: the script itself, a microtask or a macrotask. */
export interface Ran {
  /** The letter logged. */
  letter: string;
  /** Which part of the loop ran it. */
  from: "script" | "microtask" | "macrotask";
  /** The letters its callback queued. */
  queued: string[];
}

/**
 * The order of the logs by the rules: the script runs to its end; then every
 * microtask (FIFO, including ones queued meanwhile); then one macrotask, then
 * every microtask again, and so on.
 *
 * @param problem The program.
 * @returns Each letter with where it ran and what it queued.
 */
export function orderOf(problem: MicrotaskProblem): Ran[] {
  const micro: Statement[] = [];
  const macro: Statement[] = [];
  const ran: Ran[] = [];
  const run = (items: Statement[], into: Ran | null) => {
    for (const s of items) {
      if (s.how === "log") ran.push({ letter: s.letter, from: "script", queued: [] });
      else {
        (s.how === "setTimeout" ? macro : micro).push(s);
        into?.queued.push(`${s.letter} (${s.how === "setTimeout" ? "macrotask" : "microtask"})`);
      }
    }
  };
  const callback = (s: Statement, from: Ran["from"]) => {
    const entry: Ran = { letter: s.letter, from, queued: [] };
    ran.push(entry);
    run(s.then, entry);
  };
  run(problem.program, null);
  for (;;) {
    while (micro.length > 0) callback(micro.shift()!, "microtask");
    if (macro.length === 0) break;
    callback(macro.shift()!, "macrotask");
  }
  return ran;
}

function code(items: Statement[], indent: string): string[] {
  return items.flatMap((s) => {
    if (s.how === "log") return [`${indent}console.log("${s.letter}");`];
    const open = s.how === "setTimeout"
      ? "setTimeout(() => {"
      : s.how === "then"
      ? "Promise.resolve().then(() => {"
      : "queueMicrotask(() => {";
    const close = s.how === "setTimeout" ? "}, 0);" : "});";
    return [
      `${indent}${open}`,
      `${indent}  console.log("${s.letter}");`,
      ...code(s.then, indent + "  "),
      `${indent}${close}`,
    ];
  });
}

/**
 * The program as JavaScript source, as the problem shows it.
 *
 * @param problem The program.
 * @returns Its source, one statement per line.
 */
export function sourceOf(problem: MicrotaskProblem): string {
  return code(problem.program, "").join("\n");
}

/** The microtask drill: predict the order of the logs. */
export const microtaskDrill: Drill<MicrotaskProblem> = {
  generate(random) {
    let next = 0;
    const letter = () => String.fromCharCode(65 + next++);
    const make = (depth: number, allowLog: boolean): Statement => {
      const how = random.pick(
        allowLog
          ? (["log", "setTimeout", "then", "queueMicrotask"] as const)
          : (["setTimeout", "then", "queueMicrotask"] as const),
      );
      const nested = how !== "log" && depth < 1 && random.int(0, 2) === 0;
      return { letter: letter(), how, then: nested ? [make(depth + 1, false)] : [] };
    };
    return { program: Array.from({ length: random.int(4, 6) }, () => make(0, true)) };
  },
  describe: (p) => ["In which order does this program log its letters?", sourceOf(p)].join("\n"),
  template: () => "[]",
  compare: { what: "order" },
  solve(p) {
    const ran = orderOf(p);
    const steps = ran.map((r) =>
      `${r.letter}: runs in the ${r.from}` +
      (r.queued.length ? `; queues ${r.queued.join(", ")}` : "")
    );
    const bars: TimelineBar[] = ran.map((r, i) => ({
      lane: r.from,
      kind: r.from === "macrotask" ? "io" : "cpu",
      start: i,
      end: i + 1,
    }));
    return { steps, answer: ran.map((r) => r.letter), trace: bars, unit: "log" };
  },
};
