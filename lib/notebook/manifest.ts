/**
 * The exercise manifest, `exercises/<id>/exercise.json`: the one schema that
 * both the in-notebook `check()` and the command-line grader read.
 *
 * @module
 */
import type { SchemaOutput } from "../_package_types.ts";
import { z } from "zod";

/** A JavaScript identifier, as the exercise cell declares it at top level. */
const identifier = z.string().regex(/^[A-Za-z_$][\w$]*$/, "must be a JavaScript identifier");

/**
 * What the sandboxed grading process may do beyond computing; none by default.
 * - `net-loopback`: TCP to and from 127.0.0.1 only (`--allow-net=127.0.0.1`), for socket exercises.
 * - `run-deno`: start Deno subprocesses (`--allow-run=<deno>`), for process exercises.
 * @ignore zod's types cannot be documented here (see lib/_package_types.ts)
 */
export const PermissionSchema = z.enum(["net-loopback", "run-deno"]);

/** One grant the manifest may ask for; see {@linkcode PermissionSchema}. */
export type Permission = SchemaOutput<typeof PermissionSchema>;

/** The number of concepts in the course's checklist (`COURSE.md`, 1 to 18). */
export const CONCEPT_COUNT = 18;

/**
 * What the learner does in an exercise:
 * - `predict`: says what a program or simulator will do, before running it;
 * - `classify`: sorts given things into given labels;
 * - `write`: writes new code that the checks run;
 * - `fix`: repairs given code that runs but is wrong;
 * - `quiz`: a chapter quiz (multiple choice), worth no points: ungraded progress.
 *
 * Checks of `predict` and `classify` exercises use `expectPrediction`, which
 * never prints the answer.
 * @ignore zod's types cannot be documented here (see lib/_package_types.ts)
 */
export const ExerciseKindSchema = z.enum(["predict", "classify", "write", "fix", "quiz"]);

/** One kind of exercise; see {@linkcode ExerciseKindSchema}. */
export type ExerciseKind = SchemaOutput<typeof ExerciseKindSchema>;

/**
 * The zod schema of `exercise.json`. Unknown keys are rejected so that a typo
 * (`"hint"` for `"hints"`) fails loudly instead of being ignored.
 *
 * @example A manifest
 * ```json
 * {
 *   "id": "01-predict-order",
 *   "title": "Predict the order of the logs",
 *   "notebook": "01-async-io.ipynb",
 *   "points": 2,
 *   "kind": "predict",
 *   "concepts": [3, 5],
 *   "exports": ["order"],
 *   "hints": ["Synchronous code runs first, to the end.", "..."]
 * }
 * ```
 * @ignore zod's types cannot be documented here (see lib/_package_types.ts)
 */
export const ExerciseManifestSchema = z.strictObject({
  /** Folder name under `exercises/`: the notebook number, a dash, a slug. */
  id: z.string().regex(/^\d{2}-[a-z0-9]+(-[a-z0-9]+)*$/, "must look like 01-some-slug"),
  /** Short title shown in reports and above the check table. */
  title: z.string().min(1),
  /** File name of the notebook under `notebooks/` that holds the exercise cell. */
  notebook: z.string().regex(/^[^/\\]+\.ipynb$/, "must be a file name like 01-async-io.ipynb"),
  /** Points for passing every check (all or nothing); 0 for a quiz, which is ungraded. */
  points: z.number().int().nonnegative(),
  /** What the learner does: predict, classify, write or fix. */
  kind: ExerciseKindSchema,
  /** The checklist concepts (`COURSE.md`, 1 to 18) this exercise grades, each once. */
  concepts: z.array(z.number().int().min(1).max(CONCEPT_COUNT)).min(1).refine(
    (list) => new Set(list).size === list.length,
    "lists a concept twice",
  ),
  /** Top-level names the exercise cell defines; the checks receive them. */
  exports: z.array(identifier).min(1),
  /** Hints in order of increasing help; `hint(id)` reveals them one at a time. */
  hints: z.array(z.string().min(1)).min(1),
  /** Seconds the whole exercise (loading the code and every check) may take. */
  timeLimit: z.number().positive().max(60).default(5),
  /** Grants for the sandboxed grading process; none by default. */
  permissions: z.array(PermissionSchema).default([]),
  /** Ids of earlier cells of the same notebook that the exercise cell needs, in order. */
  cells: z.array(z.string().min(1)).default([]),
}).refine((m) => (m.kind === "quiz") === (m.points === 0), {
  message: "a quiz is worth 0 points (ungraded progress); every other exercise at least 1",
  path: ["points"],
});

/** A parsed, defaulted manifest. */
export type ExerciseManifest = SchemaOutput<typeof ExerciseManifestSchema>;

/**
 * Parses the text of an `exercise.json`, naming the file in any error.
 *
 * @param text The file's contents.
 * @param where The file's path or URL, for error messages.
 * @returns The validated manifest with defaults filled in.
 * @throws Error naming the file and every invalid field.
 */
export function parseManifest(text: string, where: string): ExerciseManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${where}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = ExerciseManifestSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) =>
      `${i.path.join(".") || "(root)"}: ${i.message}`
    );
    throw new Error(`${where}: invalid exercise manifest: ${problems.join("; ")}`);
  }
  return parsed.data;
}
