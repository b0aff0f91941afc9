/**
 * What the notebook tests import from `lib/notebook/`, in one place.
 *
 * @module
 */
export { CheckFailure, defineChecks, fail, runChecks } from "@course/lib";
export { renderCheckTable as renderCheckTableForTest } from "@course/lib/notebook/check_table.ts";
