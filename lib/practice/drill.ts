/**
 * What one kind of practice problem provides: a seeded generator, the true
 * answer, and a worked solution with a timeline.
 *
 * @module
 */
import type { Trace } from "../chart/mod.ts";
import type { PredictionOptions, Truth } from "../notebook/predict.ts";
import type { SeededRandom } from "./seeded_random.ts";

/** A worked solution: steps in words, the answer, and what to draw. */
export interface Worked {
  /** The reasoning, one line per step. */
  steps: string[];
  /** The right answer, as the learner would write it. */
  answer: Truth;
  /** A timeline of the run, for `timeline()`. */
  trace: Trace;
  /** The timeline's time unit. */
  unit: string;
}

/** One kind of drill. */
export interface Drill<P> {
  /** Makes a problem from the random generator. */
  generate(random: SeededRandom): P;
  /** The question, in words (Markdown-free plain text, several lines). */
  describe(problem: P): string;
  /** An example of the answer's shape, with placeholders, for the learner to fill in. */
  template(problem: P): string;
  /** How the answer is compared (without revealing it). */
  compare: Omit<PredictionOptions, "what"> & { what: string };
  /** The worked solution, found by running the course's simulator or loop. */
  solve(problem: P): Worked;
}
