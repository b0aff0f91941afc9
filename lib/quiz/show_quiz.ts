/**
 * `showQuiz(id)`: a chapter's quiz, questions and lettered choices, as the
 * notebook displays it. The questions live once, in the exercise's quiz.json.
 *
 * @module
 */
import { escapeHtml, HtmlOutput } from "../notebook/display.ts";
import { hintHtml } from "../notebook/hint.ts";
import { exerciseFile } from "../notebook/exercise_files.ts";
import { letter, parseQuiz, type Quiz } from "./quiz_schema.ts";

/**
 * Reads and validates a quiz exercise's questions.
 *
 * @param id The quiz exercise's id, such as `01-quiz`.
 * @returns The quiz.
 * @throws Error naming the file when it is missing or invalid.
 */
export async function loadQuiz(id: string): Promise<Quiz> {
  const url = exerciseFile(id, "quiz.json");
  return parseQuiz(JSON.parse(await Deno.readTextFile(url)), url.pathname);
}

/**
 * The quiz of a chapter, ready to display: each question with its choices a, b, c, ...
 *
 * @param id The quiz exercise's id.
 * @returns HTML and plain text.
 */
export async function showQuiz(id: string): Promise<HtmlOutput> {
  const quiz = await loadQuiz(id);
  const text = [
    quiz.title,
    ...quiz.questions.flatMap((q) => [
      `${q.id}. ${q.question}`,
      ...q.choices.map((c, i) => `   ${letter(i)}) ${c.text}`),
    ]),
  ].join("\n");
  const html = `<div><b>${escapeHtml(quiz.title)}</b><ol>${
    quiz.questions.map((q) =>
      `<li><b>${escapeHtml(q.id)}</b>: ${hintHtml(q.question)}<br>${
        q.choices.map((c, i) => `<code>${letter(i)}</code>) ${hintHtml(c.text)}`).join("<br>")
      }</li>`
    ).join("")
  }</ol></div>`;
  return new HtmlOutput(html, text);
}
