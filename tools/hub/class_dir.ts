/**
 * Where a class lives: `.course/hub/` in the repository by default, with one
 * folder per learner under `users/` (and, in `users/`, the `deno.json` that
 * their kernels and `deno task grade` find: see learner_config.ts).
 *
 * @module
 */
import { resolve } from "node:path";

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
 * @returns an absolute path
 * @example
 * ```ts
 * resolveClassDir(undefined, "/tmp") === DEFAULT_CLASS_DIR; // true
 * resolveClassDir("my-class", "/tmp"); // "/tmp/my-class"
 * ```
 */
export function resolveClassDir(dir: string | undefined, base: string): string {
  return dir === undefined ? DEFAULT_CLASS_DIR : resolve(base, dir);
}
