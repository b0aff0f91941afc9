/**
 * `deno task class-report [DIR] [--out OUT] [--grade]`: a class's grade
 * reports in one CSV (learner x exercise points) and one HTML page with
 * charts: completion per chapter, the exercises most failed, and the failing
 * checks grouped by the misconception they reveal. Learners without a report
 * are listed, not dropped.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { resolve } from "node:path";
import { loadExercises } from "../grade/exercise_list.ts";
import { DEFAULT_CLASS_DIR, usersDirOf } from "../hub/class_dir.ts";
import { collectClass } from "./collect.ts";
import { classCsv } from "./csv.ts";
import { gradeLearner } from "./grade_learner.ts";
import { classReportHtml } from "./html.ts";
import { loadMisconceptions } from "./misconceptions.ts";
import {
  completionPerChapter,
  failingChecksByMisconception,
  mostFailedExercises,
} from "./summarize.ts";

/** Usage text. */
export const CLASS_REPORT_USAGE = `usage: deno task class-report [DIR] [--out OUT] [--grade]

  DIR          the folder with one folder per learner (default .course/hub/users);
               each learner's report is DIR/<learner>/.course/grade.json
  --out OUT    where class.csv and class.html go (default out/class-report)
  --grade      grade every learner's notebooks first (deno task grade --json)
  --help       this text`;

/** The CSV's file name. */
export const CSV_NAME = "class.csv";
/** The HTML page's file name. */
export const HTML_NAME = "class.html";

/**
 * Runs the command line.
 *
 * @param argv the arguments after `deno task class-report`
 * @returns the exit code: 0 when the report was written, 2 on bad usage or folder
 */
export async function main(argv: string[]): Promise<number> {
  let values: { out?: string; grade: boolean; help: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: "string" },
        grade: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    }));
    if (positionals.length > 1) {
      throw new Error(`one class folder at most, got ${positionals.join(" ")}`);
    }
  } catch (e) {
    console.error(`class-report: ${(e as Error).message}\n\n${CLASS_REPORT_USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(CLASS_REPORT_USAGE);
    return 0;
  }
  const base = Deno.env.get("INIT_CWD") ?? Deno.cwd();
  const usersDir = positionals[0] ? resolve(base, positionals[0]) : usersDirOf(DEFAULT_CLASS_DIR);
  const outDir = resolve(base, values.out ?? "out/class-report");
  let results;
  try {
    results = await collectClass(usersDir);
    if (values.grade) {
      for (const r of results) {
        const total = await gradeLearner(`${usersDir}/${r.learner}`);
        console.error(`class-report: graded ${r.learner}: ${total.points}/${total.max}`);
      }
      results = await collectClass(usersDir);
    }
  } catch (e) {
    console.error(`class-report: ${(e as Error).message}`);
    return 2;
  }
  const { manifests, problems } = await loadExercises();
  for (const problem of problems) console.error(`class-report: ${problem}`);
  const misconceptions = await loadMisconceptions(manifests.map((m) => m.id));
  const groups = failingChecksByMisconception(results, misconceptions);
  await Deno.mkdir(outDir, { recursive: true });
  await Deno.writeTextFile(`${outDir}/${CSV_NAME}`, classCsv(manifests, results));
  await Deno.writeTextFile(
    `${outDir}/${HTML_NAME}`,
    classReportHtml({
      generatedAt: new Date(),
      results,
      chapters: completionPerChapter(manifests, results),
      failed: mostFailedExercises(manifests, results),
      groups,
      csvName: CSV_NAME,
    }),
  );
  const missing = results.filter((r) => !r.report);
  console.log(`class-report: ${results.length} learners, ${missing.length} without a report`);
  for (const r of missing) console.log(`  ${r.learner}: ${r.problem}`);
  console.log(`class-report: wrote ${outDir}/${CSV_NAME} and ${outDir}/${HTML_NAME}`);
  return 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
