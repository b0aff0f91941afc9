/**
 * Where an exercise's files are, found from this library's own URL so that
 * `check()` works whatever the kernel's working directory is.
 *
 * @module
 */
import type { ExerciseChecks } from "./define_checks.ts";
import { type ExerciseManifest, parseManifest } from "./manifest.ts";

/** The `exercises/` folder of the course, next to `lib/`. */
export const EXERCISES_DIR: URL = new URL("../../exercises/", import.meta.url);

const ID_SHAPE = /^\d{2}-[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * The URL of one file of an exercise.
 *
 * @param id The exercise id, such as `01-predict-order`.
 * @param file `exercise.json`, `check.ts` or `solution.ts`.
 * @param root The exercises folder (tests pass a copy).
 * @returns The file's URL.
 * @throws Error when `id` is not shaped like an exercise id.
 */
export function exerciseFile(id: string, file: string, root: URL = EXERCISES_DIR): URL {
  if (!ID_SHAPE.test(id)) {
    throw new Error(`"${id}" is not an exercise id (ids look like 01-predict-order)`);
  }
  return new URL(`${id}/${file}`, root);
}

/**
 * Reads and validates an exercise's manifest.
 *
 * @param id The exercise id.
 * @param root The exercises folder.
 * @returns The manifest.
 * @throws Error naming the exercise when it does not exist or its manifest is invalid.
 */
export async function loadManifest(
  id: string,
  root: URL = EXERCISES_DIR,
): Promise<ExerciseManifest> {
  const url = exerciseFile(id, "exercise.json", root);
  let text: string;
  try {
    text = await Deno.readTextFile(url);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new Error(`no exercise named "${id}" (looked for ${url.pathname})`);
    }
    throw error;
  }
  const manifest = parseManifest(text, url.pathname);
  if (manifest.id !== id) {
    throw new Error(`${url.pathname}: id "${manifest.id}" should be the folder name "${id}"`);
  }
  return manifest;
}

/**
 * Imports an exercise's `check.ts` and returns its default export.
 *
 * @param url The URL of the `check.ts`.
 * @returns The checks.
 * @throws Error when the module has no `defineChecks(...)` default export.
 */
export async function importChecks(url: URL | string): Promise<ExerciseChecks<unknown>> {
  return checksOf(await import(String(url)), String(url));
}

/**
 * The checks a loaded `check.ts` module default-exports.
 *
 * @param module The module namespace.
 * @param where The module's URL, for the error message.
 * @returns The checks.
 * @throws Error when the module has no `defineChecks(...)` default export.
 */
export function checksOf(module: { default?: unknown }, where: string): ExerciseChecks<unknown> {
  const checks = module.default as ExerciseChecks<unknown> | undefined;
  if (!checks || !Array.isArray(checks.checks)) {
    throw new Error(`${where}: must \`export default defineChecks([...])\``);
  }
  return checks;
}
