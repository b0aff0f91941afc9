/**
 * `deno task hub`: the course for a class, on JupyterHub (Debian's
 * `jupyterhub` and its `configurable-http-proxy`). Each learner logs in with
 * the shared password, gets a copy of notebooks/ in their own folder on first
 * login (never overwritten later) and runs the course kernel in it. Ctrl-C
 * stops the hub, the proxy and every learner's server and kernel.
 *
 * @module
 */
import { freePort } from "../kernel/jupyter_server.ts";
import { HUB_USAGE, type HubArgs, parseHubArgs } from "./args.ts";
import { REPO_ROOT, resolveClassDir, usersDirOf } from "./class_dir.ts";
import { ensureHub } from "./ensure_hub.ts";
import { writeLearnerConfig } from "./learner_config.ts";
import { learnerServerEnv } from "./server_env.ts";
import type { HubSettings } from "./settings.ts";
import { startHub } from "./start_hub.ts";

/** A password a person can type: three groups of random lowercase letters. */
function randomPassword(): string {
  const letters = "abcdefghijkmnopqrstuvwxyz";
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  const chars = [...bytes].map((b) => letters[b % letters.length]);
  return [0, 4, 8].map((i) => chars.slice(i, i + 4).join("")).join("-");
}

/**
 * Runs the hub until Ctrl-C (SIGINT) or SIGTERM.
 *
 * @param argv the arguments after `deno task hub`
 * @returns the exit code: 0 after a clean stop; 1 when setup failed, the hub died or a process
 *   had to be killed; 2 on bad usage
 */
export async function main(argv: string[]): Promise<number> {
  let args: HubArgs;
  try {
    args = await parseHubArgs(argv);
  } catch (e) {
    console.error(`hub: ${(e as Error).message}\n\n${HUB_USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(HUB_USAGE);
    return 0;
  }
  let settings: HubSettings;
  try {
    const classDir = resolveClassDir(args.dir, Deno.env.get("INIT_CWD") ?? Deno.cwd());
    await ensureHub();
    await Deno.mkdir(classDir, { recursive: true });
    await writeLearnerConfig(usersDirOf(classDir));
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
      env: await learnerServerEnv(),
    };
  } catch (e) {
    console.error(`hub: ${(e as Error).message}`);
    return 1;
  }
  // Listen before the hub starts: a Ctrl-C while it starts must still stop it
  // (it runs in its own process group, so the terminal's signal reaches only us).
  let signalled = false;
  let onStop: () => void = () => {};
  const stopped = new Promise<void>((resolve) => onStop = resolve);
  const onSignal = () => {
    if (signalled) return;
    signalled = true;
    console.error("\nhub: stopping the hub, the proxy and every learner's server");
    onStop();
  };
  Deno.addSignalListener("SIGINT", onSignal);
  Deno.addSignalListener("SIGTERM", onSignal);
  let hub;
  try {
    hub = await startHub(settings, { onLog: (line) => console.error(line) });
  } catch (e) {
    console.error(`hub: ${(e as Error).message}`);
    return 1;
  }
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
  Deno.removeSignalListener("SIGINT", onSignal);
  Deno.removeSignalListener("SIGTERM", onSignal);
  return survivors.length || !signalled ? 1 : 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
