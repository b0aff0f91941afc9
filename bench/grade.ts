/**
 * `deno task bench grade`: how fast the grader is, against its targets (the
 * whole course in under 10 s, one exercise in under 1 s), with the floor every
 * sandboxed process pays (`deno run` of an empty script) as the reference.
 *
 * Rows:
 * - floor: one `deno run` of an empty file, no grading at all
 * - one sandbox's start-up: `deno run` of a file that imports the library, as
 *   every exercise's sandbox does before its clock starts
 * - one exercise: `gradeExercises` of the first exercise, its solution in place
 * - the course: every exercise of the course, every solution in place
 * - with `--tenfold`, a 10x course: the course's exercises cloned into ten
 *   notebooks, to show how the time grows as authors add exercises
 *
 * Every exercise is graded in a sandboxed process of its own (isolation), as
 * many at once as there are cores. Each row is the median of several runs
 * (the first run warms Deno's caches).
 *
 * @module
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type ExerciseManifest, EXERCISES_DIR, loadManifest } from "@course/lib";
import { listExercises } from "../tools/grade/exercise_list.ts";
import { gradeExercises, type GradeOptions } from "../tools/grade/grade.ts";
import { HERMETIC_FLAGS } from "../tools/grade/module_cache.ts";
import { CONFIG_PATH, NOTEBOOKS_DIR } from "../tools/grade/paths.ts";

const RUNS = 5;

/**
 * CPU seconds used by this process's finished children (user + system), from
 * `/proc/self/stat`: the sandboxes' own work, whatever else the machine is
 * doing. `NaN` off Linux.
 */
function childrenCpuSeconds(): number {
  try {
    const stat = Deno.readTextFileSync("/proc/self/stat");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // cutime and cstime are fields 16 and 17 of the whole line (13 and 14 after the name).
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return NaN;
  }
}

/** Median wall seconds and median CPU seconds of the children, over {@linkcode RUNS} runs. */
async function median(run: () => Promise<void>): Promise<[number, number]> {
  await run(); // warm-up: module cache, npm cache, page cache
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const cpuStart = childrenCpuSeconds();
    await run();
    times.push((performance.now() - start) / 1000);
    cpu.push(childrenCpuSeconds() - cpuStart);
  }
  const mid = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
  return [mid(times), mid(cpu)];
}

/** Puts every solution into its cell of a notebook copy in `dir`, under the given ids. */
async function placeSolutions(
  dir: string,
  manifests: ExerciseManifest[],
  exercisesDir: URL,
): Promise<void> {
  for (const notebook of new Set(manifests.map((m) => m.notebook))) {
    const path = join(dir, notebook);
    const nb = JSON.parse(await Deno.readTextFile(path));
    for (const m of manifests.filter((m) => m.notebook === notebook)) {
      const cell = nb.cells.find((c: { metadata: { course?: { exercise?: string } } }) =>
        c.metadata.course?.exercise === m.id
      );
      cell.source = await Deno.readTextFile(new URL(`${m.id}/solution.ts`, exercisesDir));
    }
    await Deno.writeTextFile(path, JSON.stringify(nb));
  }
}

/** Clones the course ten times over: ids `NN-...`, notebooks `NN-bench.ipynb`. */
async function tenfoldCourse(root: string, manifests: ExerciseManifest[]) {
  const exercisesDir = pathToFileURL(join(root, "exercises") + "/");
  const notebooksDir = join(root, "notebooks");
  await Deno.mkdir(notebooksDir, { recursive: true });
  const clones: ExerciseManifest[] = [];
  for (let n = 10; n < 20; n++) {
    const notebook = `${n}-bench.ipynb`;
    const cells: unknown[] = [];
    for (const m of manifests) {
      const id = `${n}-${m.id.slice(3)}`;
      const dir = new URL(`${id}/`, exercisesDir);
      await Deno.mkdir(dir, { recursive: true });
      for await (const file of Deno.readDir(new URL(`${m.id}/`, EXERCISES_DIR))) {
        await Deno.copyFile(
          new URL(`${m.id}/${file.name}`, EXERCISES_DIR),
          new URL(file.name, dir),
        );
      }
      await Deno.writeTextFile(
        new URL("exercise.json", dir),
        JSON.stringify({ ...m, id, notebook }),
      );
      cells.push({
        cell_type: "code",
        id: `${id}-cell`,
        metadata: { course: { exercise: id } },
        execution_count: null,
        outputs: [],
        source: "",
      });
      clones.push(await loadManifest(id, exercisesDir));
    }
    await Deno.writeTextFile(
      join(notebooksDir, notebook),
      JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells }),
    );
  }
  await placeSolutions(notebooksDir, clones, exercisesDir);
  return { clones, options: { exercisesDir, notebooksDir } satisfies GradeOptions };
}

async function gradeAll(manifests: ExerciseManifest[], options: GradeOptions): Promise<void> {
  const report = await gradeExercises(manifests, options);
  const failed = report.exercises.filter((e) => e.status !== "passed");
  if (failed.length > 0) throw new Error(`a solution did not pass: ${failed[0].message}`);
}

if (import.meta.main) {
  // Exercises whose notebook is not written yet cannot be graded; say so and leave them out.
  const listed = await listExercises();
  const manifests = listed.filter((m) => {
    try {
      Deno.statSync(join(NOTEBOOKS_DIR, m.notebook));
      return true;
    } catch {
      console.log(`(skipped ${m.id}: notebooks/${m.notebook} does not exist yet)`);
      return false;
    }
  });
  const root = await Deno.makeTempDir({ prefix: "course-bench-grade-" });
  try {
    const notebooksDir = join(root, "course");
    await Deno.mkdir(notebooksDir);
    for await (const f of Deno.readDir(NOTEBOOKS_DIR)) {
      if (f.name.endsWith(".ipynb")) {
        await Deno.copyFile(join(NOTEBOOKS_DIR, f.name), join(notebooksDir, f.name));
      }
    }
    await placeSolutions(notebooksDir, manifests, EXERCISES_DIR);
    const empty = join(root, "empty.ts");
    await Deno.writeTextFile(empty, "");
    const library = join(root, "library.ts");
    await Deno.writeTextFile(library, 'import "@course/lib";\n');
    const notebooks = new Set(manifests.map((m) => m.notebook)).size;

    const rows: [string, [number, number], number | null][] = [
      [
        "floor: deno run of an empty file",
        await median(async () => {
          await new Deno.Command(Deno.execPath(), { args: ["run", empty] }).output();
        }),
        null,
      ],
      [
        "one sandbox's start-up: deno run of a file that imports the library",
        await median(async () => {
          await new Deno.Command(Deno.execPath(), {
            args: ["run", ...HERMETIC_FLAGS, "--config", CONFIG_PATH, library],
          }).output();
        }),
        null,
      ],
      [
        `one exercise (${manifests[0].id})`,
        await median(() => gradeAll([manifests[0]], { notebooksDir })),
        1,
      ],
      [
        `the course: ${manifests.length} exercises in ${notebooks} notebook(s)`,
        await median(() => gradeAll(manifests, { notebooksDir })),
        10,
      ],
    ];
    if (Deno.args.includes("--tenfold")) {
      const tenfold = await tenfoldCourse(join(root, "tenfold"), manifests);
      rows.push([
        `a 10x course: ${tenfold.clones.length} exercises in 10 notebooks`,
        await median(() => gradeAll(tenfold.clones, tenfold.options)),
        null,
      ]);
    }
    console.log(`grader, median of ${RUNS} runs on ${navigator.hardwareConcurrency} cores\n`);
    const [load] = Deno.loadavg();
    console.log(
      `load average when done: ${
        load.toFixed(1)
      } (on a busy machine, wall time grows; CPU does not)\n`,
    );
    console.log(`| what | seconds | CPU s of the sandboxes | target |\n|---|---:|---:|---:|`);
    for (const [what, [seconds, cpu], target] of rows) {
      const verdict = target === null ? "" : `< ${target} s ${seconds < target ? "ok" : "MISSED"}`;
      console.log(`| ${what} | ${seconds.toFixed(3)} | ${cpu.toFixed(2)} | ${verdict} |`);
    }
    if (rows.some(([, [s], t]) => t !== null && s >= t)) Deno.exitCode = 1;
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}
