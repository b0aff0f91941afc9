/**
 * Test helpers over the shipped exercises: each exercise's stub (its notebook
 * cell), its reference solution, the notebook's other code cells, and the
 * bindings a cell source defines, loaded in this process.
 *
 * @module
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import {
  type ExerciseChecks,
  exerciseFile,
  type ExerciseManifest,
  EXERCISES_DIR,
  importChecks,
} from "@course/lib/notebook/mod.ts";
import { loadExercises } from "../../tools/grade/exercise_list.ts";
import { BINDINGS_EXPORT, buildLearnerModule } from "../../tools/grade/learner_module.ts";
import {
  cellById,
  type CellSource,
  exerciseCells,
  readGradedNotebook,
} from "../../tools/grade/notebook_cells.ts";
import { NOTEBOOKS_DIR } from "../../tools/grade/paths.ts";

/** One exercise with the texts the tests compare. */
export interface ExerciseSources {
  manifest: ExerciseManifest;
  /** The exercise cell as shipped (the stub). */
  stub: CellSource;
  /** `solution.ts`. */
  solution: string;
  /** The cells the exercise needs (the manifest's `cells`), in order, as shipped. */
  needed: CellSource[];
  /** The same, with another exercise's cell replaced by that exercise's solution. */
  neededSolved: CellSource[];
  /** Every other code cell of the notebook, in order. */
  otherCells: CellSource[];
  /** The exercise's checks. */
  checks: ExerciseChecks<unknown>;
}

/** Loads every exercise's sources; fails loudly on a missing cell. */
export async function loadExerciseSources(): Promise<ExerciseSources[]> {
  const { manifests } = await loadExercises();
  const solutions = new Map<string, string>();
  for (const m of manifests) {
    solutions.set(m.id, await Deno.readTextFile(exerciseFile(m.id, "solution.ts", EXERCISES_DIR)));
  }
  const result: ExerciseSources[] = [];
  for (const manifest of manifests) {
    const notebook = await readGradedNotebook(join(NOTEBOOKS_DIR, manifest.notebook));
    const [stub] = exerciseCells(notebook, manifest.id);
    if (!stub) throw new Error(`${manifest.notebook}: no cell marked as exercise ${manifest.id}`);
    const needed = manifest.cells.map((id) => {
      const cell = cellById(notebook, id);
      if (!cell) throw new Error(`${manifest.notebook}: no code cell ${id} (${manifest.id})`);
      return cell;
    });
    const neededSolved = needed.map((cell) => {
      const other = manifests.find((m) => exerciseCells(notebook, m.id)[0]?.cellId === cell.cellId);
      return other ? { ...cell, source: solutions.get(other.id)! } : cell;
    });
    const otherCells = notebook.cells.flatMap((cell, index) =>
      cell.cell_type === "code" && (cell.id ?? `#${index}`) !== stub.cellId
        ? [{ cellId: cell.id ?? `#${index}`, source: [cell.source].flat().join("") }]
        : []
    );
    result.push({
      manifest,
      stub,
      needed,
      neededSolved,
      otherCells,
      solution: await Deno.readTextFile(exerciseFile(manifest.id, "solution.ts", EXERCISES_DIR)),
      checks: await importChecks(exerciseFile(manifest.id, "check.ts", EXERCISES_DIR)),
    });
  }
  return result;
}

/**
 * Runs cell sources as a module in this process (console output silenced) and
 * returns the manifest's names, as the grader's sandbox would pass them. The
 * cells it needs come as shipped (`solved: false`, for the stub) or with
 * earlier exercises solved (for a solution or another answer, so that it is
 * judged on its own).
 */
export async function bindingsOf(
  sources: ExerciseSources,
  source: string,
  { solved = true }: { solved?: boolean } = {},
): Promise<Record<string, unknown>> {
  const module = buildLearnerModule(
    [...(solved ? sources.neededSolved : sources.needed), { cellId: "under-test", source }],
    sources.manifest.exports,
  );
  const dir = await Deno.makeTempDir({ prefix: "course-bindings-" });
  const path = join(dir, "cell.ts");
  await Deno.writeTextFile(path, module.source);
  const log = console.log;
  console.log = () => {};
  try {
    const loaded = await import(String(pathToFileURL(path)));
    return loaded[BINDINGS_EXPORT];
  } finally {
    console.log = log;
    await Deno.remove(dir, { recursive: true });
  }
}
