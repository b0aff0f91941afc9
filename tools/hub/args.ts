/**
 * The command line of `deno task hub`.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { checkAdminName, numberedLearners, parseLearnerFile } from "./learners.ts";

/** Usage text, printed by `--help` and after a usage error. */
export const HUB_USAGE = `usage: deno task hub [--users N | --users FILE] [options]

  --users N          learners learner01 ... learnerN (default 3)
  --users FILE       learners named in FILE, one per line (# comments allowed)
  --port P           the port learners open in their browser (default 8000)
  --admin NAME       the teacher's user, an admin of the hub (default teacher)
  --password PW      the shared password (default: a random one, printed;
                     or $COURSE_HUB_PASSWORD)
  --dir DIR          the class folder (default .course/hub): DIR/users/<name>/
                     holds each learner's notebooks
  --help             this text`;

/** What `deno task hub` was asked for. */
export interface HubArgs {
  /** The learners' user names. */
  learners: string[];
  /** The public port. */
  port: number;
  /** The admin user. */
  admin: string;
  /** The shared password, when given. */
  password?: string;
  /** The class folder, as given (relative to the caller's folder) or undefined. */
  dir?: string;
  /** `--help`. */
  help: boolean;
}

/**
 * Parses the arguments; reads the names file when `--users` is not a number.
 *
 * @param args the arguments after `deno task hub`
 * @param readFile reads a names file (default: from disk)
 * @returns the options
 * @throws Error naming the bad flag, file or line
 */
export async function parseHubArgs(
  args: string[],
  readFile: (path: string) => Promise<string> = Deno.readTextFile,
): Promise<HubArgs> {
  const { values } = parseArgs({
    args,
    options: {
      users: { type: "string", default: "3" },
      port: { type: "string", default: "8000" },
      admin: { type: "string", default: "teacher" },
      password: { type: "string" },
      dir: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`--port needs a port number, got ${values.port}`);
  }
  let learners: string[];
  if (/^\d+$/.test(values.users)) {
    learners = numberedLearners(Number(values.users));
  } else {
    let text: string;
    try {
      text = await readFile(values.users);
    } catch (e) {
      throw new Error(`--users ${values.users}: not a number, and the file cannot be read (${e})`);
    }
    learners = parseLearnerFile(text, values.users);
  }
  const admin = checkAdminName(values.admin);
  if (learners.includes(admin)) {
    throw new Error(`--admin ${admin} is also a learner; give the teacher a name of their own`);
  }
  if (values.password !== undefined && values.password.length === 0) {
    throw new Error("--password must not be empty");
  }
  return {
    learners,
    port,
    admin,
    password: values.password,
    dir: values.dir,
    help: values.help,
  };
}
