/**
 * Where a class lives: `.course/hub/` in the repository by default, with one
 * folder per learner under `users/`. It must be inside the repository, so
 * that a learner's kernel finds `deno.json` (and `@course/lib`) by walking up
 * from the notebook's folder, as the single-learner course does.
 *
 * @module
 */
import { relative, resolve } from "node:path";

/** The repository root, without a trailing `/`. */
export const REPO_ROOT: string = resolve(new URL("../../", import.meta.url).pathname);

/** The default class folder. */
export const DEFAULT_CLASS_DIR: string = `${REPO_ROOT}/.course/hub`;

/** The folder of every learner's notebooks, inside a class folder. */
export function usersDirOf(classDir: string): string {
  return `${classDir}/users`;
}

/**
 * Resolves a class folder the user typed, relative to where they typed it.
 *
 * @param dir the folder as typed, or undefined for the default
 * @param base the folder it is relative to
 * @returns an absolute path inside the repository
 * @throws Error when the folder lies outside the repository
 * @example
 * ```ts
 * resolveClassDir(undefined, "/tmp") === DEFAULT_CLASS_DIR; // true
 * ```
 */
export function resolveClassDir(dir: string | undefined, base: string): string {
  if (dir === undefined) return DEFAULT_CLASS_DIR;
  const absolute = resolve(base, dir);
  const inside = relative(REPO_ROOT, absolute);
  if (inside.startsWith("..") || inside === "" || inside.startsWith("/")) {
    throw new Error(
      `--dir ${dir}: the class folder must be inside the repository (${REPO_ROOT}), ` +
        `so that the learners' kernels find deno.json; try --dir .course/my-class`,
    );
  }
  return absolute;
}
