/**
 * The `deno.json` above the learners' folders: the repository's import map
 * (so that `@course/lib` and the pinned npm packages resolve in every
 * learner's kernel), its lockfile, read-only, and two tasks for the folder
 * they are run from: `grade` (as a learner alone would) and `submit` (grade
 * and save the report for the teacher's `deno task class-report`). Deno finds it by walking up from
 * a learner's notebook, wherever the class folder is.
 *
 * `deno run -A tools/hub/learner_config.ts DIR` writes `DIR/deno.json` (the
 * Dockerfile does this for `/home`).
 *
 * @module
 */
import { relative, resolve } from "node:path";
import { z } from "zod";
import { REPO_ROOT } from "./class_dir.ts";

const RepoConfig = z.object({
  imports: z.record(z.string(), z.string()),
  compilerOptions: z.record(z.string(), z.unknown()).optional(),
}).loose();

/**
 * Rewrites an import map target that is a path relative to the repository so
 * that it is relative to `dir` instead; URLs and `npm:` specifiers stay.
 *
 * @param target the import map's value
 * @param dir the folder the new deno.json is in
 * @returns the rewritten target
 * @example
 * ```ts
 * import { REPO_ROOT } from "./class_dir.ts";
 * rebase("./lib/mod.ts", `${REPO_ROOT}/.course/hub/users`); // "../../../lib/mod.ts"
 * ```
 */
export function rebase(target: string, dir: string): string {
  if (!target.startsWith("./") && !target.startsWith("../")) return target;
  const path = relative(dir, resolve(REPO_ROOT, target));
  const prefixed = path.startsWith("..") ? path : `./${path}`;
  return target.endsWith("/") ? `${prefixed}/` : prefixed;
}

/**
 * The deno.json for the folder holding the learners' folders.
 *
 * @param dir that folder (absolute)
 * @returns the config, as an object to serialise
 */
export async function learnerConfig(dir: string): Promise<Record<string, unknown>> {
  const repo = RepoConfig.parse(JSON.parse(await Deno.readTextFile(`${REPO_ROOT}/deno.json`)));
  const grader = relative(dir, `${REPO_ROOT}/tools/grade/main.ts`);
  const submit = relative(dir, `${REPO_ROOT}/tools/class_report/grade_learner.ts`);
  return {
    imports: Object.fromEntries(
      Object.entries(repo.imports).map(([name, target]) => [name, rebase(target, dir)]),
    ),
    ...(repo.compilerOptions ? { compilerOptions: repo.compilerOptions } : {}),
    // The repository's versions, never rewritten by a learner's kernel.
    lock: { path: relative(dir, `${REPO_ROOT}/deno.lock`), frozen: true },
    tasks: {
      // `deno task` runs here; the grader resolves these paths from where the learner typed it.
      grade: `deno run -A ${grader} --notebooks . --progress .course/progress.json`,
      // Grades everything and leaves the JSON report where the teacher's class report reads it.
      submit: `deno run -A ${submit}`,
    },
  };
}

/**
 * Writes `dir/deno.json` (see {@link learnerConfig}).
 *
 * @param dir the folder holding the learners' folders
 */
export async function writeLearnerConfig(dir: string): Promise<void> {
  await Deno.mkdir(dir, { recursive: true });
  const config = await learnerConfig(resolve(dir));
  await Deno.writeTextFile(`${dir}/deno.json`, JSON.stringify(config, null, 2) + "\n");
}

if (import.meta.main) {
  const [dir] = Deno.args;
  if (!dir) {
    console.error("usage: deno run -A tools/hub/learner_config.ts DIR   (writes DIR/deno.json)");
    Deno.exit(2);
  }
  await writeLearnerConfig(resolve(dir));
  console.log(`wrote ${resolve(dir)}/deno.json`);
}
