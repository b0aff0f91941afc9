/**
 * Notebook helpers: display, and the exercises' `check()` / `hint()` with the
 * check-writing API that `exercises/<id>/check.ts` uses.
 *
 * Re-exports only.
 *
 * @module
 */
export { check, type CheckOptions } from "./check.ts";
export { hint, type HintOptions } from "./hint.ts";
export {
  type ExerciseHints,
  HINT_STATE_PATH,
  type HintState,
  HintStateSchema,
  readHintState,
} from "./hint_state.ts";
export { type Check, defineChecks, type ExerciseChecks } from "./define_checks.ts";
export { CheckFailure, fail, type FailureDetails } from "./check_failure.ts";
export {
  expectClose,
  expectEqual,
  expectFunction,
  expectGeneratorFunction,
  expectOrder,
  show,
} from "./expect.ts";
export { expectPrediction, type PredictionOptions, type Truth } from "./predict.ts";
export { runChecks, type RunChecksOptions } from "./run_checks.ts";
export {
  expectConcurrentTasks,
  expectVirtualTime,
  peakTasksInProgress,
  runOnVirtualClock,
  type VirtualRun,
  type VirtualRunOptions,
  type VirtualTimeOptions,
} from "./virtual_clock.ts";
export {
  type CheckOutcome,
  CheckOutcomeSchema,
  type ChecksOutcome,
  ChecksOutcomeSchema,
  type ErrorKind,
  ErrorKindSchema,
} from "./outcome.ts";
export {
  CONCEPT_COUNT,
  type ExerciseKind,
  ExerciseKindSchema,
  type ExerciseManifest,
  ExerciseManifestSchema,
  parseManifest,
  type Permission,
  PermissionSchema,
} from "./manifest.ts";
export {
  checksOf,
  exerciseFile,
  EXERCISES_DIR,
  importChecks,
  loadManifest,
} from "./exercise_files.ts";
export { type Classified, classifyError, EXIT_ATTEMPT } from "./classify_error.ts";
export { escapeHtml, type HtmlMimeBundle, HtmlOutput } from "./display.ts";
export { table, type TableOptions } from "./table.ts";
