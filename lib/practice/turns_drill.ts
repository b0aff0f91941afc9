/**
 * Callback-turn drills: callbacks scheduled with `callSoon` and `callLater`,
 * some scheduling more; in which turn of the loop does each run? Solved by
 * running the program on the course's `EventLoop`, one `runOnce()` at a time.
 *
 * @module
 */
import type { TimelineBar } from "../chart/mod.ts";
import { EventLoop } from "../loop/mod.ts";
import type { Drill } from "./drill.ts";

/** One scheduled callback: how, and what it schedules when it runs. */
export interface Scheduled {
  letter: string;
  how: "callSoon" | "callLater(0)" | "callLater(1)";
  then: Scheduled[];
}

/** One turns problem: the top-level schedule. */
export interface TurnsProblem {
  program: Scheduled[];
}

function lines(items: Scheduled[], indent: string): string[] {
  return items.flatMap((s) => {
    const call = s.how === "callSoon" ? "loop.callSoon" : `loop.${s.how.replace(")", ", ")}`;
    const open = `${indent}${call}${s.how === "callSoon" ? "(" : ""}mark("${s.letter}"`;
    if (s.then.length === 0) return [`${open}));`];
    return [`${open}, () => {`, ...lines(s.then, indent + "  "), `${indent}}));`];
  });
}

/** Runs the program on a virtual-clock loop; the turn and time of each letter. */
function measure(p: TurnsProblem) {
  const loop = new EventLoop({ clock: "virtual" });
  const ran: { letter: string; turn: number; time: number }[] = [];
  let turn = 0;
  const schedule = (s: Scheduled) => {
    const run = () => {
      ran.push({ letter: s.letter, turn, time: loop.time() });
      s.then.forEach(schedule);
    };
    if (s.how === "callSoon") loop.callSoon(run);
    else loop.callLater(s.how === "callLater(0)" ? 0 : 1, run);
  };
  p.program.forEach(schedule);
  for (turn = 1; turn < 100; turn++) if (loop.runOnce() === Infinity) break;
  loop.close();
  return ran;
}

/** The turns drill: predict the turn of each callback. */
export const turnsDrill: Drill<TurnsProblem> = {
  generate(random) {
    let next = 0;
    const letter = () => String.fromCharCode(65 + next++);
    const make = (depth: number): Scheduled => ({
      letter: letter(),
      how: random.pick(["callSoon", "callSoon", "callLater(0)", "callLater(1)"] as const),
      then: depth < 2 && random.int(0, 2) === 0
        ? Array.from({ length: random.int(1, 2) }, () => make(depth + 1))
        : [],
    });
    return { program: Array.from({ length: random.int(3, 5) }, () => make(0)) };
  },
  describe: (p) =>
    [
      "Each mark(letter) records the turn in which it runs; the loop then calls runOnce() until",
      "nothing is left, counting turns from 1. In which turn does each letter run?",
      ...lines(p.program, "  "),
    ].join("\n"),
  template: (p) =>
    `{ ${measure(p).map((r) => r.letter).sort().map((l) => `${l}: NaN`).join(", ")} }`,
  compare: { what: "turns", words: ["early", "late"] },
  solve(p) {
    const ran = measure(p);
    const byTurn = new Map<number, string[]>();
    for (const r of ran) byTurn.set(r.turn, [...(byTurn.get(r.turn) ?? []), r.letter]);
    const steps = [...byTurn].map(([turn, letters]) =>
      `turn ${turn} (t=${ran.find((r) => r.turn === turn)!.time}): ${letters.join(", ")}`
    );
    const answer = Object.fromEntries(ran.map((r) => [r.letter, r.turn]).sort());
    const bars: TimelineBar[] = ran.map((r) => ({
      lane: r.letter,
      kind: "cpu",
      start: r.turn - 1,
      end: r.turn,
    }));
    return { steps, answer, trace: bars, unit: "turn" };
  },
};
