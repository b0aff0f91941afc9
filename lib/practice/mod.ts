/**
 * Endless practice: seeded problems for the drillable skills (scheduling by
 * policy, callback turns, micro/macrotask order, GIL makespans), checked
 * without revealing the answer, with worked solutions and timelines.
 *
 * Re-exports only.
 *
 * @module
 */
export {
  type Practice,
  practice,
  PRACTICE_KINDS,
  type PracticeFeedback,
  type PracticeKind,
  type WorkedSolution,
} from "./practice.ts";
export { type Drill, type Worked } from "./drill.ts";
export { type SeededRandom, seededRandom } from "./seeded_random.ts";
export {
  type MicrotaskProblem,
  orderOf,
  type Ran,
  sourceOf,
  type Statement,
} from "./microtask_drill.ts";
