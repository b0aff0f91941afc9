/**
 * Chapter quizzes: one per chapter, each valid (3 to 5 questions, one right
 * choice, every choice explained), and the feedback on a wrong pick is that
 * choice's explanation, never the right letter.
 *
 * @module
 */
import assert from "node:assert/strict";
import { letter, loadQuiz, parseQuiz, quizChecks, runChecks } from "@course/lib";
import { listExercises } from "../../tools/grade/exercise_list.ts";

const exercises = await listExercises();
const quizzes = exercises.filter((m) => m.kind === "quiz");

Deno.test("one quiz per chapter, 01 to the last, worth no points", () => {
  const chapters = [...new Set(exercises.filter((m) => m.kind !== "quiz").map((m) => m.notebook))];
  assert.deepEqual(quizzes.map((m) => m.notebook).sort(), chapters.sort());
  assert.ok(quizzes.every((m) => m.points === 0));
});

Deno.test("a wrong pick is told why it is wrong, and not which choice is right", async () => {
  for (const m of quizzes) {
    const quiz = await loadQuiz(m.id);
    const checks = quizChecks(quiz, m.id);
    for (const q of quiz.questions) {
      const right = letter(q.choices.findIndex((c) => c.right));
      for (const [i, choice] of q.choices.entries()) {
        if (choice.right) continue;
        const answers = Object.fromEntries(
          quiz.questions.map((x) => [x.id, x === q ? letter(i) : ""]),
        );
        const outcome = await runChecks(checks, { answers }, {
          required: ["answers"],
          includeHidden: true,
          timeLimit: 5,
        });
        const message = outcome.checks.find((c) => c.name.startsWith(`${q.id}:`))!.message;
        assert.ok(message.includes(choice.why), `${m.id} ${q.id} ${letter(i)}: ${message}`);
        assert.ok(!message.includes(`"${right}"`), `${m.id} ${q.id}: ${message}`);
      }
    }
  }
});

Deno.test("the quiz schema refuses a question without exactly one right choice or an explanation", () => {
  const question = (choices: unknown[]) => ({
    title: "t",
    questions: ["q1", "q2", "q3"].map((id) => ({ id, question: "?", choices })),
  });
  const ok = { text: "a", right: true, why: "because it is so" };
  const wrong = { text: "b", why: "because it is not" };
  parseQuiz(question([ok, wrong, wrong]), "fine");
  assert.throws(
    () => parseQuiz(question([ok, ok, wrong]), "two"),
    /two: invalid quiz.*exactly one/,
  );
  assert.throws(() => parseQuiz(question([ok, wrong, { text: "c" }]), "bare"), /why/);
});
