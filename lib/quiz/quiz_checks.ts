/**
 * A quiz as an exercise's checks: one check per question. A wrong pick fails
 * with the explanation of that very choice, never naming the right one, so
 * the learner can think again and retry at once.
 *
 * @module
 */
import { fail, show } from "../notebook/mod.ts";
import { defineChecks, type ExerciseChecks } from "../notebook/define_checks.ts";
import { letter, parseQuiz } from "./quiz_schema.ts";

/**
 * The checks of a quiz exercise, whose cell defines `answers` (`{ q1: "b", ... }`).
 *
 * @param data The quiz JSON (imported by the exercise's `check.ts`).
 * @param where The quiz's name, for errors.
 * @returns One check per question.
 * @example
 * ```ts
 * import { quizChecks, runChecks } from "@course/lib";
 * const checks = quizChecks({
 *   title: "t",
 *   questions: ["q1", "q2", "q3"].map((id) => ({
 *     id,
 *     question: "2 + 2?",
 *     choices: [
 *       { text: "4", right: true, why: "two and two make four" },
 *       { text: "5", why: "one too many: count again" },
 *       { text: "22", why: "that joins the digits as text" },
 *     ],
 *   })),
 * }, "example");
 * const outcome = await runChecks(checks, { answers: { q1: "a", q2: "b", q3: "a" } }, {
 *   required: ["answers"],
 *   includeHidden: true,
 *   timeLimit: 5,
 * });
 * console.log(outcome.message); // "2 + 2?: \"b\" is not right: one too many: count again"
 * ```
 */
export function quizChecks(data: unknown, where: string): ExerciseChecks<{ answers: unknown }> {
  const quiz = parseQuiz(data, where);
  return defineChecks<{ answers: unknown }>(quiz.questions.map((q) => ({
    name: `${q.id}: ${q.question}`,
    run: ({ answers }) => {
      const got = (answers as Record<string, unknown> | null)?.[q.id];
      const letters = q.choices.map((_, i) => letter(i));
      const i = letters.indexOf(got as string);
      if (i < 0) {
        fail(`answers.${q.id} is ${show(got)}; choose one of ${letters.join(", ")}`);
      }
      if (!q.choices[i].right) fail(`${show(got)} is not right: ${q.choices[i].why}`);
    },
  })));
}
