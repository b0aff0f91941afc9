/**
 * Checks for `02-classify-lines`: the learner's `kinds` against the reference
 * classification in `program.ts`.
 *
 * @module
 */
import { defineChecks, fail, show } from "@course/lib";
import { LINES } from "./program.ts";

type Bindings = { kinds: unknown };

const KEYS = LINES.map((l) => l.key);

/** The learner's value for `key`, after the shape has been checked. */
const valueOf = (kinds: unknown, key: string) => (kinds as Record<string, unknown>)[key];

/** Fails naming the first line of `group` the learner classified differently. */
function expectGroup(kinds: unknown, kind: "io" | "cpu", why: string): void {
  for (const line of LINES.filter((l) => l.kind === kind)) {
    const got = valueOf(kinds, line.key);
    if (got !== kind) fail(`kinds.${line.key} is ${show(got)}, but \`${line.code}\` ${why}`);
  }
}

export default defineChecks<Bindings>([
  {
    name: "kinds has one entry per line: request, headers, format, join, open, write",
    run: ({ kinds }) => {
      if (typeof kinds !== "object" || kinds === null || Array.isArray(kinds)) {
        fail(`expected an object such as { request: "io", ... }, got ${show(kinds)}`);
      }
      const keys = Object.keys(kinds).sort();
      if (show(keys) !== show([...KEYS].sort())) {
        fail(`expected the keys ${show(KEYS)}, got ${show(Object.keys(kinds))}`);
      }
    },
  },
  {
    name: 'every entry is "io" or "cpu"',
    run: ({ kinds }) => {
      for (const key of KEYS) {
        const value = valueOf(kinds, key);
        if (value !== "io" && value !== "cpu") {
          fail(
            `kinds.${key} is ${show(value)}: write "io" if the line waits for a device, ` +
              `"cpu" if the processor does the work`,
          );
        }
      }
    },
  },
  {
    name: "the lines that wait for a device are I/O-bound",
    misconception: "waiting for a device (disk, network) is confused with computing on the CPU",
    run: ({ kinds }) => expectGroup(kinds, "io", "waits for the network or the disk"),
  },
  {
    name: "the lines that only compute are CPU-bound",
    misconception: "waiting for a device (disk, network) is confused with computing on the CPU",
    run: ({ kinds }) =>
      expectGroup(kinds, "cpu", "only works on strings in memory: the processor does it"),
  },
]);
