/**
 * The command line of `deno task grade`.
 *
 * @module
 */
import { parseArgs } from "node:util";

/** Usage text, printed by `--help` and after a usage error. */
export const USAGE = `usage: deno task grade [ids or notebooks...] [options]

  (no arguments)             grade every exercise of the course
  01-predict-order ...       grade these exercises
  notebooks/01-async-io.ipynb   grade every exercise of these notebook files (any path)

  --list                     list every exercise with its last status; grade nothing
  --json                     print only the JSON report on stdout
  --watch                    re-grade a notebook's exercises whenever it is saved
  --notebooks <dir>          read notebooks from <dir> (default: notebooks/)
  --exercises <dir>          read exercises from <dir> (default: exercises/; for authors)
  --progress <file>          progress file (default: .course/progress.json)
  --schema                   print the JSON Schema of the --json report; grade nothing
  --help                     this text

exit code: 0 when every selected exercise passes, 1 when any fails or cannot be graded,
2 on a usage error, 130 when interrupted (Ctrl-C).`;

/** What the command line asks for. */
export interface GradeArgs {
  /** Exercise ids and notebook paths, as given. */
  targets: string[];
  /** `--list`. */
  list: boolean;
  /** `--json`. */
  json: boolean;
  /** `--watch`. */
  watch: boolean;
  /** `--notebooks`, if given. */
  notebooks?: string;
  /** `--exercises`, if given. */
  exercises?: string;
  /** `--progress`, if given. */
  progress?: string;
  /** `--schema`. */
  schema: boolean;
  /** `--help`. */
  help: boolean;
}

/**
 * Parses the arguments.
 *
 * @param args `Deno.args`.
 * @returns The options.
 * @throws TypeError on an unknown option or a missing value.
 */
export function parseGradeArgs(args: string[]): GradeArgs {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      list: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      watch: { type: "boolean", default: false },
      notebooks: { type: "string" },
      exercises: { type: "string" },
      progress: { type: "string" },
      schema: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  return {
    targets: positionals,
    list: values.list,
    json: values.json,
    watch: values.watch,
    notebooks: values.notebooks,
    exercises: values.exercises,
    progress: values.progress,
    schema: values.schema,
    help: values.help,
  };
}
