/**
 * `startCourse()`: the course as a learner starts it (`deno task course
 * --no-browser`), serving a throwaway copy of the notebooks so that nothing a
 * browser test types or saves reaches the repo's own notebooks.
 *
 * @module
 */
import { freePort } from "../../tools/kernel/jupyter_server.ts";

/** The repository root. */
export const ROOT: string = new URL("../../", import.meta.url).pathname;

/** A running `deno task course` and its notebook copy. */
export interface CourseServer {
  /** Jupyter's base URL, ending in `/`. */
  baseUrl: string;
  /** Jupyter's access token. */
  token: string;
  /** The folder Jupyter serves: a copy of notebooks/. */
  notebookDir: string;
  /** The notebook file names in that folder, sorted. */
  notebooks: string[];
  /** Everything the course printed so far (stdout and stderr), for failure messages. */
  log(): string;
  /** Stops the course (SIGINT, as Ctrl-C would) and removes the copy. */
  stop(): Promise<void>;
}

/** Options of {@link startCourse}. */
export interface StartCourseOptions {
  /** Extra notebooks to write into the copy, by file name (e.g. a generated probe). */
  extra?: Record<string, unknown>;
}

async function copyNotebooks(target: string): Promise<string[]> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(`${ROOT}notebooks`)) {
    if (entry.isFile && entry.name.endsWith(".ipynb")) names.push(entry.name);
  }
  names.sort();
  for (const name of names) await Deno.copyFile(`${ROOT}notebooks/${name}`, `${target}/${name}`);
  // The notebooks' pictures and reference pages, so their links work in the copy too.
  for (const folder of ["img", "reference"]) {
    await Deno.mkdir(`${target}/${folder}`, { recursive: true });
    for await (const entry of Deno.readDir(`${ROOT}notebooks/${folder}`)) {
      if (entry.isFile) {
        await Deno.copyFile(
          `${ROOT}notebooks/${folder}/${entry.name}`,
          `${target}/${folder}/${entry.name}`,
        );
      }
    }
  }
  return names;
}

/**
 * Copies notebooks/ into `.course/e2e/<random>/` (inside the repo, so that the
 * kernel still finds deno.json and its `@course/lib` import map) and starts
 * `deno task course --no-browser --port <free> --notebook-dir <copy>`.
 *
 * @param options extra notebooks for the copy
 * @returns the running course; always call `stop()`
 */
export async function startCourse(options: StartCourseOptions = {}): Promise<CourseServer> {
  const notebookDir = `${ROOT}.course/e2e/${crypto.randomUUID()}`;
  await Deno.mkdir(notebookDir, { recursive: true });
  const notebooks = await copyNotebooks(notebookDir);
  for (const [name, notebook] of Object.entries(options.extra ?? {})) {
    await Deno.writeTextFile(`${notebookDir}/${name}`, JSON.stringify(notebook, null, 1));
  }
  const task = new Deno.Command(Deno.execPath(), {
    args: [
      "task",
      "course",
      "--no-browser",
      "--port",
      String(freePort()),
      "--notebook-dir",
      notebookDir,
    ],
    cwd: ROOT,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
    // Its own process group, so that our SIGINT is the only stop request it gets.
    detached: true,
  }).spawn();
  const lines: string[] = [];
  let resolveUrl: (match: RegExpExecArray | null) => void = () => {};
  const url = new Promise<RegExpExecArray | null>((resolve) => resolveUrl = resolve);
  const onLine = (line: string) => {
    lines.push(line);
    const match = /the notebooks are at (http:\/\/127\.0\.0\.1:\d+\/)\?token=(\w+)/.exec(line);
    if (match) resolveUrl(match);
  };
  const pump = async (stream: ReadableStream<Uint8Array>) => {
    const decoder = new TextDecoder();
    let rest = "";
    for await (const chunk of stream) {
      const parts = (rest + decoder.decode(chunk, { stream: true })).split("\n");
      rest = parts.pop()!;
      parts.forEach(onLine);
    }
    if (rest) onLine(rest);
  };
  const pumped = Promise.all([pump(task.stdout), pump(task.stderr)]);
  // The course exiting before it prints its URL is a failure, not a hang.
  task.status.then(() => resolveUrl(null));
  const match = await url;
  const cleanup = async () => {
    try {
      task.kill("SIGINT");
    } catch {
      // already exited
    }
    await task.status;
    await pumped;
    await Deno.remove(notebookDir, { recursive: true });
  };
  if (!match) {
    await cleanup();
    throw new Error(`deno task course stopped before serving:\n${lines.join("\n")}`);
  }
  return {
    baseUrl: match[1],
    token: match[2],
    notebookDir,
    notebooks,
    log: () => lines.join("\n"),
    stop: cleanup,
  };
}
