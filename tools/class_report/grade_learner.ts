/**
 * Grades one learner's folder with the course's own grader (`deno task grade
 * --json`, run on their notebooks and their progress file) and saves the
 * report where `deno task class-report` collects it. Run directly, it is the
 * learners' `deno task submit` (see tools/hub/learner_config.ts).
 *
 * @module
 */
import { resolve } from "node:path";
import { GradeReportSchema } from "../grade/report_schema.ts";
import { PROGRESS_FILE, REPORT_FILE } from "./collect.ts";

const GRADER = new URL("../grade/main.ts", import.meta.url).pathname;

/**
 * Runs the grader on a learner's notebooks and writes `.course/grade.json`
 * in their folder.
 *
 * @param learnerDir the learner's folder (their copy of the notebooks)
 * @returns the report's total
 * @throws Error with the grader's output when it fails or prints no report
 */
export async function gradeLearner(learnerDir: string): Promise<{ points: number; max: number }> {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      GRADER,
      "--json",
      "--notebooks",
      learnerDir,
      "--progress",
      `${learnerDir}/${PROGRESS_FILE}`,
    ],
    env: { NO_COLOR: "1" },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(stdout);
  // 0: everything passed; 1: something failed, which is a report too. Anything else is not.
  if (code !== 0 && code !== 1) {
    throw new Error(
      `grading ${learnerDir} failed (exit ${code}):\n${new TextDecoder().decode(stderr)}`,
    );
  }
  let report;
  try {
    report = GradeReportSchema.parse(JSON.parse(text));
  } catch (e) {
    throw new Error(
      `grading ${learnerDir} printed no report (${(e as Error).message}):\n` +
        new TextDecoder().decode(stderr),
    );
  }
  await Deno.mkdir(`${learnerDir}/.course`, { recursive: true });
  await Deno.writeTextFile(`${learnerDir}/${REPORT_FILE}`, JSON.stringify(report, null, 2) + "\n");
  return report.total;
}

if (import.meta.main) {
  // `deno task submit` in a learner's folder: `deno task` runs in the folder of
  // deno.json, INIT_CWD is where the learner typed it.
  const dir = resolve(Deno.env.get("INIT_CWD") ?? Deno.cwd(), Deno.args[0] ?? ".");
  try {
    const total = await gradeLearner(dir);
    console.log(
      `submitted: ${total.points} / ${total.max} points; your teacher's class report reads ` +
        `${dir}/${REPORT_FILE}`,
    );
  } catch (e) {
    console.error(`submit: ${(e as Error).message}`);
    Deno.exit(1);
  }
}
