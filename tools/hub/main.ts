/**
 * `deno task hub`: the course for a class, on JupyterHub (Debian's
 * `jupyterhub` and its `configurable-http-proxy`). Each learner logs in with
 * the shared password, gets a copy of notebooks/ in their own folder on first
 * login (never overwritten later) and runs the course kernel in it. Ctrl-C
 * stops the hub, the proxy and every learner's server and kernel.
 *
 * @module
 */
import { ensureDenoKernel } from "../kernel/deno_kernel.ts";
import { installCourseKernel } from "../kernel/course_kernel/install.ts";
import { freePort } from "../kernel/jupyter_server.ts";
import { HUB_USAGE, parseHubArgs } from "./args.ts";
import { REPO_ROOT, resolveClassDir, usersDirOf } from "./class_dir.ts";
import { ensureHub } from "./ensure_hub.ts";
import type { HubSettings } from "./settings.ts";
import { startHub } from "./start_hub.ts";

/** A password a person can type: three groups of random lowercase letters. */
function randomPassword(): string {
  const letters = "abcdefghijkmnopqrstuvwxyz";
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  const chars = [...bytes].map((b) => letters[b % letters.length]);
  return [0, 4, 8].map((i) => chars.slice(i, i + 4).join("")).join("-");
}

/** Deno's cache folder, shared by every learner's kernel (their HOME differs). */
async function denoDir(): Promise<string> {
  const set = Deno.env.get("DENO_DIR");
  if (set) return set;
  const { stdout } = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json"],
    stdout: "piped",
    stderr: "null",
  }).output();
  return JSON.parse(new TextDecoder().decode(stdout)).denoDir;
}

/**
 * Runs the hub until Ctrl-C (SIGINT) or SIGTERM.
 *
 * @param argv the arguments after `deno task hub`
 * @returns the exit code: 0 after a clean stop, 1 when something had to be killed, 2 on bad usage
 */
export async function main(argv: string[]): Promise<number> {
  let settings: HubSettings;
  try {
    const args = await parseHubArgs(argv);
    if (args.help) {
      console.log(HUB_USAGE);
      return 0;
    }
    const classDir = resolveClassDir(args.dir, Deno.env.get("INIT_CWD") ?? Deno.cwd());
    await ensureHub();
    const kernel = await ensureDenoKernel();
    const course = await installCourseKernel({
      jupyterDir: `${REPO_ROOT}/.course/jupyter`,
      denoPath: kernel.denoPath,
      logosFrom: kernel.specDir,
    });
    await Deno.mkdir(classDir, { recursive: true });
    settings = {
      hubDir: classDir,
      usersDir: usersDirOf(classDir),
      notebooksDir: `${REPO_ROOT}/notebooks`,
      learners: args.learners,
      admin: args.admin,
      password: args.password ?? Deno.env.get("COURSE_HUB_PASSWORD") ?? randomPassword(),
      port: args.port,
      hubPort: freePort(),
      proxyApiPort: freePort(),
      apiToken: crypto.randomUUID().replaceAll("-", "") + crypto.randomUUID().replaceAll("-", ""),
      startTimeout: 300,
      serverArgs: Deno.uid() === 0 ? ["--allow-root"] : [],
      env: {
        JUPYTER_PATH: course.env.JUPYTER_PATH,
        DENO_DIR: await denoDir(),
        PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin",
        // The classic Notebook, as `deno task course` runs it (no jupyter_server here).
        JUPYTERHUB_SINGLEUSER_APP: "notebook.notebookapp.NotebookApp",
      },
    };
  } catch (e) {
    console.error(`hub: ${(e as Error).message}\n\n${HUB_USAGE}`);
    return 2;
  }
  const hub = await startHub(settings, { onLog: (line) => console.error(line) });
  let signalled = false;
  const stopped = new Promise<void>((resolve) => {
    const onSignal = () => {
      if (signalled) return;
      signalled = true;
      console.error("\nhub: stopping the hub, the proxy and every learner's server");
      resolve();
    };
    Deno.addSignalListener("SIGINT", onSignal);
    Deno.addSignalListener("SIGTERM", onSignal);
  });
  console.log(`\nhub: the class is at ${hub.url}`);
  console.log(`hub: learners: ${settings.learners.join(", ")}; admin: ${settings.admin}`);
  console.log(`hub: shared password: ${settings.password}`);
  console.log(`hub: notebooks are copied to ${settings.usersDir}/<name>/ on first login`);
  console.log("hub: press Ctrl-C here to stop.\n");
  await Promise.race([stopped, hub.exited]);
  const survivors = await hub.stop();
  for (const p of survivors) console.error(`hub: had to kill ${p.pid} ${p.command}`);
  console.error(
    survivors.length
      ? `hub: stopped; ${survivors.length} process(es) had to be killed`
      : "hub: stopped; nothing left running",
  );
  return survivors.length || !signalled ? 1 : 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
