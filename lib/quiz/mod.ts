/**
 * Chapter quizzes: multiple-choice questions whose every choice is explained,
 * graded as exercises of kind `quiz` worth no points (ungraded progress).
 *
 * Re-exports only.
 *
 * @module
 */
export {
  letter,
  parseQuiz,
  type Quiz,
  QuizChoiceSchema,
  type QuizQuestion,
  QuizQuestionSchema,
  QuizSchema,
} from "./quiz_schema.ts";
export { quizChecks } from "./quiz_checks.ts";
export { loadQuiz, showQuiz } from "./show_quiz.ts";
