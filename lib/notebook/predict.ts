/**
 * The one assertion for predict and classify exercises: it says which part of
 * a prediction is wrong and in which direction, and never prints the right
 * value (only the learner's own). A learner who runs the check cell learns
 * what to think about again, not what to type.
 *
 * @module
 */
import { CheckFailure } from "./check_failure.ts";
import { show } from "./expect.ts";

/** A value that can be predicted: a number, a label, or a record or list of them. */
export type Truth =
  | number
  | string
  | boolean
  | readonly (string | number)[]
  | Readonly<Record<string, number>>
  | Readonly<Record<string, string | boolean>>;

/** How to word the feedback. */
export interface PredictionOptions {
  /** The learner's name for the prediction, such as `"finish.oneCore"`. */
  what: string;
  /** Words for a number below and above the truth; default `["low", "high"]` ("too low"). */
  words?: readonly [low: string, high: string];
  /** Largest difference that still counts as right, for numbers; default 1e-9. */
  tolerance?: number;
  /** A nudge appended to the message: what to think about again. */
  why?: string;
  /**
   * The labels a classification may use (required when the truth is a record
   * of labels): a value outside them is named as such.
   */
  choices?: readonly (string | boolean)[];
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

const isNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

function failWith(message: string, options: PredictionOptions): never {
  throw new CheckFailure(options.why ? `${message} (${options.why})` : message);
}

/** "too low" or "too high" for one number, never the truth itself. */
function direction(got: number, truth: number, options: PredictionOptions): string | null {
  if (Math.abs(got - truth) <= (options.tolerance ?? 1e-9)) return null;
  const [low, high] = options.words ?? ["low", "high"];
  return `too ${got < truth ? low : high}`;
}

function expectNumber(got: unknown, truth: number, options: PredictionOptions): void {
  if (!isNumber(got)) failWith(`${options.what} needs a number, got ${show(got)}`, options);
  const way = direction(got, truth, options);
  if (way) failWith(`${options.what} = ${show(got)} is ${way}`, options);
}

function expectNumbers(
  got: unknown,
  truth: Readonly<Record<string, number>>,
  options: PredictionOptions,
): void {
  const keys = Object.keys(truth);
  const parts = keys.join(", ");
  if (!isRecord(got) || keys.some((k) => !isNumber(got[k]))) {
    failWith(`${options.what} needs a number for each of ${parts}, got ${show(got)}`, options);
  }
  const wrong = keys.flatMap((k) => {
    const way = direction(got[k] as number, truth[k], options);
    return way ? [`${k} = ${show(got[k])} is ${way}`] : [];
  });
  if (wrong.length) failWith(`${options.what}: ${wrong.join("; ")}`, options);
}

function expectLabels(
  got: unknown,
  truth: Readonly<Record<string, string | boolean>>,
  options: PredictionOptions,
): void {
  const choices = options.choices;
  if (!choices) {
    throw new Error(`expectPrediction(${options.what}): a classification needs choices`);
  }
  const keys = Object.keys(truth);
  const allowed = choices.map((c) => show(c)).join(" or ");
  if (!isRecord(got) || keys.some((k) => !(k in got))) {
    failWith(`${options.what} needs an entry for each of ${keys.join(", ")}, got ${show(got)}`, {
      ...options,
      why: undefined,
    });
  }
  const odd = keys.find((k) => !choices.includes(got[k] as string));
  if (odd !== undefined) {
    failWith(`${options.what}.${odd} is ${show(got[odd])}; each entry is ${allowed}`, {
      ...options,
      why: undefined,
    });
  }
  const wrong = keys.filter((k) => got[k] !== truth[k]);
  if (wrong.length === 0) return;
  // Per label the learner used, how many of those are wrong: a direction, not the entries.
  const byLabel = choices
    .map((c) => [c, wrong.filter((k) => got[k] === c).length] as const)
    .filter(([, n]) => n > 0)
    .map(([c, n]) => `${n} of those you marked ${show(c)}`);
  failWith(
    `${options.what}: ${wrong.length} of ${keys.length} entries are wrong (${byLabel.join(", ")})`,
    options,
  );
}

function expectLabel(got: unknown, truth: string | boolean, options: PredictionOptions): void {
  const choices = options.choices;
  if (choices && !choices.includes(got as string)) {
    const allowed = choices.map((c) => show(c)).join(" or ");
    failWith(`${options.what} is ${show(got)}; it is ${allowed}`, { ...options, why: undefined });
  }
  if (got !== truth) failWith(`${options.what} = ${show(got)} is not right`, options);
}

function expectSequence(
  got: unknown,
  truth: readonly (string | number)[],
  options: PredictionOptions,
): void {
  if (!Array.isArray(got)) {
    failWith(`${options.what} needs a list such as ["A", "B"], got ${show(got)}`, options);
  }
  const seen = new Set<unknown>();
  for (const item of got) {
    if (seen.has(item)) failWith(`${options.what} lists ${show(item)} twice`, options);
    seen.add(item);
  }
  const never = got.filter((item) => !truth.includes(item));
  if (never.length) {
    failWith(
      `${options.what} lists ${never.map((i) => show(i)).join(", ")}, which never happen(s)`,
      options,
    );
  }
  const missing = truth.filter((item) => !got.includes(item)).length;
  if (missing) {
    failWith(`${options.what} leaves out ${missing} item(s) that do happen`, options);
  }
  const placed = got.filter((item, i) => item === truth[i]).length;
  if (placed < truth.length) {
    failWith(
      `${options.what}: ${placed} of ${truth.length} in the right place`,
      options,
    );
  }
}

/**
 * Expects the learner's prediction to match `truth`, failing with a message
 * that names what is wrong and in which direction but never prints a value of
 * `truth`: "finish.oneCore: A = 8 is too early", "order: 2 of 5 in the right
 * place", "kinds: 2 of 6 entries are wrong (1 of those you marked "io", ...)".
 *
 * The shape of `truth` decides the comparison: a number; a record of numbers
 * (each named with its direction); a list (an order: items that never happen,
 * items left out, how many are in place); a record of labels (a
 * classification: how many are wrong, grouped by the learner's label; needs
 * `choices`); a single label.
 *
 * @param got The learner's prediction.
 * @param truth The right answer, computed by running a reference.
 * @param options The prediction's name, direction words, tolerance, a nudge.
 * @throws CheckFailure when the prediction is wrong or misshapen.
 *
 * @example
 * ```ts
 * import { CheckFailure, expectPrediction } from "@course/lib";
 * try {
 *   expectPrediction({ A: 8, B: 8 }, { A: 10, B: 8 }, {
 *     what: "finish",
 *     words: ["early", "late"],
 *   });
 * } catch (error) {
 *   console.log((error as CheckFailure).message); // "finish: A = 8 is too early"
 * }
 * ```
 */
export function expectPrediction(got: unknown, truth: Truth, options: PredictionOptions): void {
  if (typeof truth === "number") return expectNumber(got, truth, options);
  if (Array.isArray(truth)) return expectSequence(got, truth, options);
  if (typeof truth === "string" || typeof truth === "boolean") {
    return expectLabel(got, truth, options);
  }
  const values = Object.values(truth);
  if (values.every((v) => typeof v === "number")) {
    return expectNumbers(got, truth as Record<string, number>, options);
  }
  expectLabels(got, truth as Record<string, string | boolean>, options);
}
