/**
 * Collects each learner's grade report from a class folder: one folder per
 * learner, holding `.course/grade.json` (the output of `deno task grade
 * --json`, the grader's published schema).
 *
 * @module
 */
import { type GradeReport, GradeReportSchema } from "../grade/report_schema.ts";

/** Where a learner's grade report lives, relative to their folder. */
export const REPORT_FILE = ".course/grade.json";

/** Where a learner's progress lives, relative to their folder. */
export const PROGRESS_FILE = ".course/progress.json";

/** One learner of the class and their report, if any. */
export interface LearnerResult {
  /** The learner's name (their folder's name). */
  learner: string;
  /** Their grade report, or null when there is none or it cannot be read. */
  report: GradeReport | null;
  /** Why there is no report (`no report yet`, or what is wrong with the file); null when there is one. */
  problem: string | null;
}

/**
 * Reads every learner's report. A learner without a report, or with a file
 * that is not a grade report, is kept with a `problem` saying which.
 *
 * @param usersDir the folder with one folder per learner
 * @returns one result per learner, sorted by name
 * @throws Error when the folder itself cannot be read
 */
export async function collectClass(usersDir: string): Promise<LearnerResult[]> {
  const names: string[] = [];
  try {
    for await (const entry of Deno.readDir(usersDir)) {
      if (entry.isDirectory && !entry.name.startsWith(".")) names.push(entry.name);
    }
  } catch (e) {
    throw new Error(
      `${usersDir}: cannot read the class folder (${(e as Error).message}); ` +
        "give the folder that holds one folder per learner, e.g. .course/hub/users",
    );
  }
  names.sort();
  const results: LearnerResult[] = [];
  for (const learner of names) results.push(await readLearner(usersDir, learner));
  return results;
}

async function readLearner(usersDir: string, learner: string): Promise<LearnerResult> {
  const path = `${usersDir}/${learner}/${REPORT_FILE}`;
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      return { learner, report: null, problem: "no report yet" };
    }
    throw e;
  }
  try {
    return { learner, report: GradeReportSchema.parse(JSON.parse(text)), problem: null };
  } catch (e) {
    const why = e instanceof SyntaxError ? "not JSON" : "not a grade report";
    return { learner, report: null, problem: `${path} is ${why}; grade again to rewrite it` };
  }
}
