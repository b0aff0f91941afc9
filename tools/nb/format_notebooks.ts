/**
 * `deno task fmt` / `deno task fmt:check`, the notebook half: formats the
 * notebooks' code and Markdown cells with `deno fmt`, reading each notebook on
 * standard input.
 *
 * Why not `deno fmt --check notebooks/`: on Deno 2.9 it reports `.ipynb` files
 * as unformatted, with an empty diff, even when their bytes are exactly what the
 * formatter writes; a warm incremental cache hides this, so it passes on a
 * working copy and fails on a fresh clone. The formatter itself is right, so
 * this feeds it the text and compares the bytes.
 *
 * @module
 */
import { join, relative } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { courseNotebookMetadata } from "../kernel/course_kernel/install.ts";

const REPO_ROOT = new URL("../../", import.meta.url).pathname;

/**
 * Formats a notebook's text as `deno fmt` does, with the repository's config.
 *
 * @param text The `.ipynb` file's content.
 * @param name The file, for error messages.
 * @returns The formatted text.
 * @throws Error naming the file when the formatter rejects it (e.g. invalid JSON).
 * @example
 * ```ts
 * import { formatNotebook } from "./format_notebooks.ts";
 * const text = await Deno.readTextFile("notebooks/00-welcome.ipynb");
 * console.log((await formatNotebook(text, "00-welcome.ipynb")) === text); // true when formatted
 * ```
 */
export async function formatNotebook(text: string, name: string): Promise<string> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["fmt", "--ext", "ipynb", "-"],
    cwd: REPO_ROOT, // so that deno.json's fmt options (line width) apply
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(text));
  await writer.close();
  const { code, stdout, stderr } = await child.output();
  if (code !== 0) {
    throw new Error(`${name}: deno fmt could not format it:\n${new TextDecoder().decode(stderr)}`);
  }
  return new TextDecoder().decode(stdout);
}

/**
 * A notebook's text with the course kernel's metadata (see
 * `courseNotebookMetadata`), so that opening it in Jupyter marks nothing as
 * changed. Text that is not a JSON object is returned as it is, for the
 * formatter to name the problem.
 *
 * @param text The `.ipynb` file's content.
 * @returns The text, with `kernelspec` and `language_info` set when they differed.
 * @example
 * ```ts
 * const text = '{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}';
 * JSON.parse(withCourseMetadata(text)).metadata.kernelspec.name; // "deno"
 * ```
 */
export function withCourseMetadata(text: string): string {
  let notebook;
  try {
    notebook = JSON.parse(text);
  } catch {
    return text;
  }
  if (typeof notebook !== "object" || notebook === null || Array.isArray(notebook)) return text;
  const wanted = courseNotebookMetadata();
  const metadata = notebook.metadata ?? {};
  if (
    isDeepStrictEqual(metadata.kernelspec, wanted.kernelspec) &&
    isDeepStrictEqual(metadata.language_info, wanted.language_info)
  ) return text;
  notebook.metadata = { ...metadata, ...wanted };
  return JSON.stringify(notebook, null, 1) + "\n";
}

/**
 * The first line where two texts differ, as a short two-line diff.
 *
 * @param before The text on disk.
 * @param after The formatted text.
 * @returns `line N:` with the old and the new line.
 */
export function firstDifference(before: string, after: string): string {
  const [a, b] = [before.split("\n"), after.split("\n")];
  const i = a.findIndex((line, n) => line !== b[n]);
  const at = i === -1 ? a.length : i;
  return `line ${at + 1}:\n  - ${a[at] ?? "(end of file)"}\n  + ${b[at] ?? "(end of file)"}`;
}

async function notebookPaths(args: string[]): Promise<string[]> {
  if (args.length > 0) return args;
  const dir = join(REPO_ROOT, "notebooks");
  const paths: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    if (entry.isFile && entry.name.endsWith(".ipynb")) paths.push(join(dir, entry.name));
  }
  return paths.sort();
}

if (import.meta.main) {
  const check = Deno.args.includes("--check");
  const paths = await notebookPaths(Deno.args.filter((a) => a !== "--check"));
  const unformatted: string[] = [];
  for (const path of paths) {
    const name = relative(Deno.cwd(), path);
    const text = await Deno.readTextFile(path);
    const formatted = await formatNotebook(withCourseMetadata(text), name);
    if (formatted === text) continue;
    if (check) {
      unformatted.push(
        `${name}: not formatted, first difference at ${firstDifference(text, formatted)}`,
      );
    } else {
      await Deno.writeTextFile(path, formatted);
      console.log(`formatted ${name}`);
    }
  }
  if (unformatted.length > 0) {
    console.error(unformatted.join("\n"));
    console.error(`\n${unformatted.length} notebook(s) not formatted: run \`deno task fmt\``);
    Deno.exit(1);
  }
  console.log(`${paths.length} notebook(s) ${check ? "checked" : "formatted"}`);
}
