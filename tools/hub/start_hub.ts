/**
 * `startHub()`: run JupyterHub (which starts configurable-http-proxy, and the
 * learners' servers as they log in) as a child process in its own process
 * group, then stop it and check that nothing it started is left.
 *
 * @module
 */
import { linesOf } from "../lines.ts";
import { descendants, type ProcessInfo, stillAlive } from "./process_tree.ts";
import { HUB_CONFIG_PATH, type HubSettings, writeSettings } from "./settings.ts";

/** A running hub. */
export interface RunningHub {
  /** The public URL (the proxy), ending in `/`. */
  url: string;
  /** The hub's REST API, ending in `/`. */
  apiUrl: string;
  /** The settings it runs with. */
  settings: HubSettings;
  /** JupyterHub's process id. */
  pid: number;
  /** Resolves with the exit code once JupyterHub has exited. */
  exited: Promise<number>;
  /** The last lines JupyterHub logged, for failure messages. */
  log(): string;
  /**
   * Stops the hub as Ctrl-C would (SIGINT: JupyterHub then stops every
   * learner's server and the proxy). Processes it had started that are still
   * alive afterwards are killed, and returned so that a caller can say so.
   */
  stop(): Promise<ProcessInfo[]>;
}

/** Options of {@link startHub}. */
export interface StartHubOptions {
  /** Receives every line JupyterHub logs (default: dropped, but kept for `log()`). */
  onLog?: (line: string) => void;
}

const READY = /JupyterHub is now running at (http:\/\/\S+)/;
/** How long the hub may take to stop its servers before we look for survivors. */
const STOP_GRACE_MS = 60_000;

/**
 * Debian's configurable-http-proxy needs its modules from /usr/share/nodejs,
 * which only Debian's own `node` searches; a Node.js from elsewhere (such as
 * NodeSource's, found here) needs to be told.
 */
function nodePath(): string {
  const existing = Deno.env.get("NODE_PATH");
  return existing ? `${existing}:/usr/share/nodejs` : "/usr/share/nodejs";
}

/**
 * Writes the settings and starts `jupyterhub -f tools/hub/jupyterhub_config.py`
 * in the class folder; resolves once the hub says it is running.
 *
 * @param settings the class's settings (ports, learners, folders, password)
 * @param options where the hub's log goes
 * @returns the running hub; call `stop()` when done
 * @throws Error with the hub's last log lines when it exits before it runs
 */
export async function startHub(
  settings: HubSettings,
  options: StartHubOptions = {},
): Promise<RunningHub> {
  await Deno.mkdir(settings.usersDir, { recursive: true });
  const settingsPath = await writeSettings(settings);
  const child = new Deno.Command("jupyterhub", {
    args: ["-f", HUB_CONFIG_PATH],
    cwd: settings.hubDir,
    env: { COURSE_HUB_SETTINGS: settingsPath, NODE_PATH: nodePath() },
    stdin: "null",
    stdout: "null",
    stderr: "piped",
    // Our Ctrl-C reaches only us; the hub then gets exactly one SIGINT, from stop().
    detached: true,
  }).spawn();
  const exited = child.status.then((s) => s.code);
  const recent: string[] = [];
  const onLog = options.onLog ?? (() => {});
  const lines = linesOf(child.stderr);
  let url: string | null = null;
  const keep = (line: string) => {
    recent.push(line);
    if (recent.length > 200) recent.shift();
    onLog(line);
  };
  while (url === null) {
    const next = await lines.next();
    if (next.done) break;
    keep(next.value);
    url = READY.exec(next.value)?.[1] ?? null;
  }
  const drained = (async () => {
    for await (const line of lines) keep(line);
  })();
  if (url === null) {
    await drained;
    const code = await exited;
    throw new Error(`jupyterhub exited (code ${code}) before running:\n${recent.join("\n")}`);
  }
  const base = `http://127.0.0.1:${settings.port}/`;
  let stopping: Promise<ProcessInfo[]> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      const tree = await descendants(child.pid);
      try {
        child.kill("SIGINT");
      } catch {
        // already exited
      }
      const timer = setTimeout(() => {
        try {
          child.kill("SIGKILL");
        } catch {
          // exited meanwhile
        }
      }, STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
      await drained;
      // A server the hub has just stopped may need a moment to be reaped.
      let survivors = await stillAlive(tree);
      for (let i = 0; i < 50 && survivors.length; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        survivors = await stillAlive(survivors);
      }
      for (const p of survivors) {
        try {
          Deno.kill(p.pid, "SIGKILL");
        } catch {
          // exited meanwhile
        }
      }
      return survivors;
    })();
    return stopping;
  };
  return {
    url: base,
    apiUrl: `${base}hub/api/`,
    settings,
    pid: child.pid,
    exited,
    log: () => recent.join("\n"),
    stop,
  };
}
