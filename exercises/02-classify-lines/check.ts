/**
 * Checks for `02-classify-lines`: the learner's `kinds` against the reference
 * classification in `program.ts`. With two labels, naming a wrong line would
 * give its answer away, so the feedback counts the wrong lines per label.
 *
 * @module
 */
import { defineChecks, expectPrediction, fail, show } from "@course/lib";
import { LINES } from "./program.ts";

type Bindings = { kinds: unknown };

const KEYS = LINES.map((l) => l.key);
const TRUTH = Object.fromEntries(LINES.map((l) => [l.key, l.kind]));

export default defineChecks<Bindings>([
  {
    name: "kinds has one entry per line: request, headers, format, join, open, write",
    run: ({ kinds }) => {
      if (typeof kinds !== "object" || kinds === null || Array.isArray(kinds)) {
        fail(`expected an object with one entry per line, got ${show(kinds)}`);
      }
      const keys = Object.keys(kinds).sort();
      if (show(keys) !== show([...KEYS].sort())) {
        fail(`expected the keys ${KEYS.join(", ")}, got ${show(Object.keys(kinds))}`);
      }
    },
  },
  {
    name: "every line is classified as the program measures it",
    misconception: "waiting for a device (disk, network) is confused with computing on the CPU",
    run: ({ kinds }) =>
      expectPrediction(kinds, TRUTH, {
        what: "kinds",
        choices: ["io", "cpu"],
        why: "while the line runs, is the processor busy with this program's own work?",
      }),
  },
]);
