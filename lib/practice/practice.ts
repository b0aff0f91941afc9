/**
 * `practice(kind, seed)`: a fresh problem of a drillable kind, named by its
 * seed, with an answer check that never reveals the answer and a worked
 * solution with its timeline on request. Practice is never graded.
 *
 * @module
 */
import { timeline } from "../chart/mod.ts";
import type { Chart } from "../chart/mod.ts";
import { CheckFailure } from "../notebook/check_failure.ts";
import { escapeHtml, HtmlOutput } from "../notebook/display.ts";
import { expectPrediction } from "../notebook/predict.ts";
import type { Drill, Worked } from "./drill.ts";
import { gilDrill } from "./gil_drill.ts";
import { microtaskDrill } from "./microtask_drill.ts";
import { schedulingDrill } from "./scheduling_drill.ts";
import { seededRandom } from "./seeded_random.ts";
import { turnsDrill } from "./turns_drill.ts";

/** The drillable kinds. */
export const PRACTICE_KINDS = {
  fcfs: schedulingDrill("fcfs"),
  sjf: schedulingDrill("sjf"),
  srtf: schedulingDrill("srtf"),
  rr: schedulingDrill("rr"),
  turns: turnsDrill,
  microtasks: microtaskDrill,
  gil: gilDrill,
} as const;

/** One kind of practice: `"rr"`, `"turns"`, `"microtasks"`, `"gil"`, ... */
export type PracticeKind = keyof typeof PRACTICE_KINDS;

/** The verdict on one answer. */
export interface PracticeFeedback {
  /** True when the answer is right. */
  right: boolean;
  /** What is wrong and in which direction, or "right". */
  message: string;
}

/** A worked solution: the steps, the answer and a timeline. */
export interface WorkedSolution extends Worked {
  /** The run drawn with Observable Plot. */
  chart: Chart;
}

/** A practice problem: show it, check answers, ask for the worked solution. */
export interface Practice {
  /** Which drill. */
  kind: PracticeKind;
  /** The seed that made this problem: the same seed, the same problem. */
  seed: number;
  /** The question in words. */
  question: string;
  /** The shape of an answer, to copy and fill in. */
  template: string;
  /** Checks an answer without revealing the right one. */
  check(answer: unknown): PracticeFeedback & HtmlOutput;
  /** The worked solution, with its timeline. */
  solution(): WorkedSolution & HtmlOutput;
}

const pre = (text: string) => `<pre style="white-space:pre-wrap">${escapeHtml(text)}</pre>`;

/**
 * Makes the practice problem `seed` of a kind. The same kind and seed always
 * give the same problem, so a problem can be shared by its number.
 *
 * @param kind Which skill: a scheduling policy, `"turns"`, `"microtasks"` or `"gil"`.
 * @param seed Any integer.
 * @returns The problem, with `check(answer)` and `solution()`.
 * @throws Error naming the kinds when `kind` is not one of them.
 * @example
 * ```ts
 * import { practice } from "@course/lib";
 * const p = practice("rr", 1);
 * console.log(p.check({}).right); // false: an answer needs a number per process
 * console.log(p.check(p.solution().answer).right); // true
 * ```
 */
export function practice(kind: PracticeKind, seed: number): Practice & HtmlOutput {
  const drill = PRACTICE_KINDS[kind] as Drill<unknown> | undefined;
  if (!drill) {
    throw new Error(
      `practice: unknown kind ${JSON.stringify(kind)}; try one of ${
        Object.keys(PRACTICE_KINDS).join(", ")
      }`,
    );
  }
  if (!Number.isInteger(seed)) {
    throw new Error(`practice: the seed must be an integer, got ${seed}`);
  }
  const problem = drill.generate(seededRandom(seed));
  const question = drill.describe(problem);
  const template = drill.template(problem);
  const title = `Practice ${kind} #${seed}`;
  const text = `${title}\n${question}\nAnswer shape: ${template}\n` +
    `Check with .check(answer); see the worked solution with .solution().`;
  const output = new HtmlOutput(
    `<div><b>${escapeHtml(title)}</b>${pre(question)}<p>Answer shape: <code>${
      escapeHtml(template)
    }</code>. Check it with <code>.check(answer)</code>; the worked solution is ` +
      `<code>.solution()</code>.</p></div>`,
    text,
  );
  return Object.assign(output, {
    kind,
    seed,
    question,
    template,
    check(answer: unknown) {
      const worked = drill.solve(problem);
      let message = "right";
      try {
        expectPrediction(answer, worked.answer, drill.compare);
      } catch (error) {
        if (!(error instanceof CheckFailure)) throw error;
        message = error.message;
      }
      const right = message === "right";
      const shown = right ? "Right." : `Not yet: ${message}`;
      return Object.assign(new HtmlOutput(`<p>${escapeHtml(shown)}</p>`, shown), {
        right,
        message,
      });
    },
    solution() {
      const worked = drill.solve(problem);
      const chart = timeline(worked.trace, {
        title: `${title}: worked solution`,
        unit: worked.unit,
      });
      const answer = JSON.stringify(worked.answer);
      const plain = [...worked.steps, `Answer: ${answer}`].join("\n");
      return Object.assign(
        new HtmlOutput(`<div>${pre(plain)}${chart.svg}</div>`, plain),
        { ...worked, chart },
      );
    },
  });
}
