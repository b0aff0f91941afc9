/**
 * Test helpers: a throwaway copy of the course's notebooks (and, when a test
 * needs to change limits, of its exercises) in a temp dir, and ways to put
 * source into an exercise cell of the copy.
 *
 * @module
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { EXERCISES_DIR } from "@course/lib/notebook/mod.ts";
import { NOTEBOOKS_DIR } from "../../../tools/grade/paths.ts";

/** A temp copy of `notebooks/` and optionally `exercises/`. */
export interface CourseCopy {
  /** The temp root; remove it with `dispose()`. */
  root: string;
  /** The copied notebooks folder. */
  notebooksDir: string;
  /** The copied exercises folder (the real one unless `withExercises` was asked for). */
  exercisesDir: URL;
  /** Removes the copy. */
  dispose(): Promise<void>;
}

async function copyDir(from: string, to: string): Promise<void> {
  await Deno.mkdir(to, { recursive: true });
  for await (const entry of Deno.readDir(from)) {
    if (entry.isDirectory) await copyDir(join(from, entry.name), join(to, entry.name));
    else if (entry.isFile) await Deno.copyFile(join(from, entry.name), join(to, entry.name));
  }
}

/**
 * Copies the notebooks (and, with `withExercises`, the exercises) to a temp dir.
 *
 * @param options `withExercises`: also copy `exercises/`, for tests that edit manifests.
 * @returns The copy.
 */
export async function copyCourse(options: { withExercises?: boolean } = {}): Promise<CourseCopy> {
  const root = await Deno.makeTempDir({ prefix: "course-test-" });
  const notebooksDir = join(root, "notebooks");
  await copyDir(NOTEBOOKS_DIR, notebooksDir);
  let exercisesDir = EXERCISES_DIR;
  if (options.withExercises) {
    await copyDir(EXERCISES_DIR.pathname, join(root, "exercises"));
    exercisesDir = pathToFileURL(join(root, "exercises") + "/");
  }
  return {
    root,
    notebooksDir,
    exercisesDir,
    dispose: () => Deno.remove(root, { recursive: true }),
  };
}

/** A notebook as JSON, loosely typed for editing in tests. */
export interface NotebookJson {
  cells: { id?: string; cell_type: string; metadata: Record<string, unknown>; source: unknown }[];
  [key: string]: unknown;
}

/**
 * Edits a notebook file in place.
 *
 * @param path The notebook.
 * @param edit Changes the parsed JSON.
 */
export async function editNotebook(path: string, edit: (nb: NotebookJson) => void): Promise<void> {
  const nb = JSON.parse(await Deno.readTextFile(path)) as NotebookJson;
  edit(nb);
  await Deno.writeTextFile(path, JSON.stringify(nb, null, 1) + "\n");
}

/**
 * Index of the cell marked as exercise `id`.
 *
 * @param nb The notebook.
 * @param id The exercise id.
 * @returns The index.
 * @throws Error when no cell is marked.
 */
export function markedCell(nb: NotebookJson, id: string): number {
  const index = nb.cells.findIndex((c) =>
    (c.metadata.course as { exercise?: string } | undefined)?.exercise === id
  );
  if (index < 0) throw new Error(`no cell marked ${id}`);
  return index;
}

/**
 * Replaces the source of exercise `id`'s cell.
 *
 * @param path The notebook.
 * @param id The exercise id.
 * @param source The new cell source.
 */
export async function setExerciseSource(path: string, id: string, source: string): Promise<void> {
  await editNotebook(path, (nb) => {
    nb.cells[markedCell(nb, id)].source = source;
  });
}

/**
 * A digest of every file in a folder, to prove that nothing was written.
 *
 * @param dir The folder.
 * @returns File name -> SHA-256 hex.
 */
export async function digestDir(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for await (const entry of Deno.readDir(dir)) {
    if (!entry.isFile) continue;
    const bytes = await Deno.readFile(join(dir, entry.name));
    const hash = await crypto.subtle.digest("SHA-256", bytes);
    out[entry.name] = Array.from(new Uint8Array(hash), (b) => b.toString(16).padStart(2, "0"))
      .join("");
  }
  return out;
}

/**
 * The SHA-256 of every notebook of the course (`notebooks/`) and of the
 * given folders, keyed by path.
 *
 * @param dirs More folders of notebooks, such as a test's copy.
 * @returns Path -> SHA-256 hex.
 */
export async function notebookDigests(
  dirs: readonly string[] = [],
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const dir of [NOTEBOOKS_DIR, ...dirs]) {
    for (const [name, digest] of Object.entries(await digestDir(dir))) {
      if (name.endsWith(".ipynb")) out[join(dir, name)] = digest;
    }
  }
  return out;
}

/**
 * Runs `body` and asserts that no notebook's bytes changed: the course's own
 * and those in `dirs` (every grader test wraps its work in this).
 *
 * @param dirs Folders of notebooks besides `notebooks/`.
 * @param body The test's work.
 * @returns What `body` returns.
 */
export async function keepingNotebooks<T>(
  dirs: readonly string[],
  body: () => Promise<T>,
): Promise<T> {
  const before = await notebookDigests(dirs);
  const result = await body();
  assert.deepEqual(await notebookDigests(dirs), before, "a notebook's bytes changed");
  return result;
}

/**
 * The reference solution of an exercise of the course.
 *
 * @param id The exercise id.
 * @returns The source of its `solution.ts`.
 */
export function readSolution(id: string): Promise<string> {
  return Deno.readTextFile(new URL(`${id}/solution.ts`, EXERCISES_DIR));
}
