/**
 * `deno task hub` run as a child process, the way a teacher runs it, for the
 * hub test and the hub benchmark: start it, learn its URL and settings, and
 * stop it with SIGINT (Ctrl-C), reporting what, if anything, outlived it.
 *
 * @module
 */
import { linesOf } from "../lines.ts";
import { freePort } from "../kernel/jupyter_server.ts";
import { REPO_ROOT } from "./class_dir.ts";
import { descendants, type ProcessInfo, stillAlive } from "./process_tree.ts";
import { type HubSettings, HubSettingsSchema } from "./settings.ts";

/** A running `deno task hub`. */
export interface HubTask {
  /** The hub's public URL, ending in `/`. */
  url: string;
  /** The settings it wrote (ports, learners, password, API token). */
  settings: HubSettings;
  /** Everything it printed so far, for failure messages. */
  output(): string;
  /**
   * Sends SIGINT (Ctrl-C) and waits for the task to exit.
   *
   * @returns its exit code, every process it had started (seen just before
   * the signal), and those of them still alive afterwards
   */
  stop(): Promise<{ code: number; tree: ProcessInfo[]; survivors: ProcessInfo[] }>;
}

/** Options of {@link startHubTask}. */
export interface HubTaskOptions {
  /** `--users`: a count or a names file. */
  users: number | string;
  /** The class folder (absolute). */
  dir: string;
  /** The shared password (default: random). */
  password?: string;
}

/**
 * Starts `deno task hub --users ... --port <free> --dir ... --password ...`
 * in its own process group and waits until it serves.
 *
 * @param options learners, class folder, password
 * @returns the running task; always `stop()` it
 * @throws Error with its output when it exits before serving
 */
export async function startHubTask(options: HubTaskOptions): Promise<HubTask> {
  const password = options.password ?? crypto.randomUUID();
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "task",
      "hub",
      "--users",
      String(options.users),
      "--port",
      String(freePort()),
      "--dir",
      options.dir,
      "--password",
      password,
    ],
    cwd: REPO_ROOT,
    env: { NO_COLOR: "1" },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    // Our SIGINT is then the only stop request it gets, as with a terminal's Ctrl-C.
    detached: true,
  }).spawn();
  const lines: string[] = [];
  let announce: (url: string | null) => void = () => {};
  const announced = new Promise<string | null>((resolve) => announce = resolve);
  const pump = async (stream: ReadableStream<Uint8Array>) => {
    for await (const line of linesOf(stream)) {
      lines.push(line);
      const match = /hub: the class is at (http:\/\/\S+)/.exec(line);
      if (match) announce(match[1]);
    }
  };
  const pumped = Promise.all([pump(child.stdout), pump(child.stderr)]);
  child.status.then(() => announce(null));
  const url = await announced;
  if (url === null) {
    await pumped;
    throw new Error(`deno task hub stopped before serving:\n${lines.join("\n")}`);
  }
  const settings = HubSettingsSchema.parse(
    JSON.parse(await Deno.readTextFile(`${options.dir}/settings.json`)),
  );
  return {
    url,
    settings,
    output: () => lines.join("\n"),
    stop: async () => {
      const tree = await descendants(child.pid);
      try {
        child.kill("SIGINT");
      } catch {
        // already exited
      }
      const { code } = await child.status;
      await pumped;
      return { code, tree, survivors: await stillAlive(tree) };
    },
  };
}
