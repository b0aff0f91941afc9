/**
 * Checks for `10-quiz`: one per question of quiz.json; a wrong pick is told
 * why it is wrong, never which choice is right.
 *
 * @module
 */
import { quizChecks } from "@course/lib";
import quiz from "./quiz.json" with { type: "json" };

export default quizChecks(quiz, "10-quiz/quiz.json");
