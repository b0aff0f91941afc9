/**
 * Where the grader finds the course: paths from this file's own URL, so that
 * `deno task grade` works from any working directory.
 *
 * @module
 */
import { fileURLToPath as fromFileUrl } from "node:url";

/** The repository root, ending in `/`. */
export const REPO_ROOT: string = fromFileUrl(new URL("../../", import.meta.url));
/** The repository's `deno.json` (its import map resolves `@course/lib` in the sandbox). */
export const CONFIG_PATH: string = `${REPO_ROOT}deno.json`;
/** The notebooks folder, ending in `/`. */
export const NOTEBOOKS_DIR: string = `${REPO_ROOT}notebooks/`;
/** The learner's progress file (ignored by git). */
export const PROGRESS_PATH: string = `${REPO_ROOT}.course/progress.json`;
