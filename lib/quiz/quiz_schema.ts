/**
 * The schema of a chapter quiz, `exercises/<id>/quiz.json`: multiple-choice
 * questions in which every choice carries its explanation, so that a wrong
 * pick is told why it is wrong (and a right one why it is right).
 *
 * @module
 */
import type { SchemaOutput } from "../_package_types.ts";
import { z } from "zod";

/**
 * One choice: its text, whether it is the right one, and why.
 * @ignore zod's types cannot be documented here (see lib/_package_types.ts)
 */
export const QuizChoiceSchema = z.strictObject({
  text: z.string().min(1),
  right: z.literal(true).optional(),
  /** Why this choice is right, or what is wrong with it. */
  why: z.string().min(10, "explain the choice in a sentence"),
});

/**
 * One question: 3 to 5 choices, exactly one right.
 * @ignore zod's types cannot be documented here (see lib/_package_types.ts)
 */
export const QuizQuestionSchema = z.strictObject({
  id: z.string().regex(/^q\d+$/, "ids look like q1, q2, ..."),
  question: z.string().min(1),
  choices: z.array(QuizChoiceSchema).min(3).max(5).refine(
    (choices) => choices.filter((c) => c.right).length === 1,
    "exactly one choice must be right",
  ),
});

/**
 * A quiz: 3 to 5 questions with distinct ids.
 * @ignore zod's types cannot be documented here (see lib/_package_types.ts)
 */
export const QuizSchema = z.strictObject({
  title: z.string().min(1),
  questions: z.array(QuizQuestionSchema).min(3).max(5).refine(
    (qs) => new Set(qs.map((q) => q.id)).size === qs.length,
    "two questions share an id",
  ),
});

/** A parsed quiz. */
export type Quiz = SchemaOutput<typeof QuizSchema>;
/** One question of a quiz. */
export type QuizQuestion = SchemaOutput<typeof QuizQuestionSchema>;

/** The letter of choice `i`: a, b, c, ... */
export const letter = (i: number): string => String.fromCharCode(97 + i);

/**
 * Validates a quiz, naming it in any error.
 *
 * @param data The parsed JSON.
 * @param where The quiz's file or id, for the error.
 * @returns The quiz.
 * @throws Error naming the quiz and every invalid field.
 */
export function parseQuiz(data: unknown, where: string): Quiz {
  const parsed = QuizSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) =>
      `${i.path.join(".") || "(root)"}: ${i.message}`
    );
    throw new Error(`${where}: invalid quiz: ${problems.join("; ")}`);
  }
  return parsed.data;
}
