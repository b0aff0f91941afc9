/**
 * The grading sandbox loads modules from the project's `deno.lock` and the
 * local Deno cache only (`--frozen --cached-only`), never from the network.
 * This module knows what the sandbox needs, which environment variables Deno
 * itself needs to reach the registry (proxies, certificates, cache folders),
 * and how to fill a cold cache once, from the parent process.
 *
 * @module
 */
import { RUN_TAG_VARIABLE } from "../setup/leftovers.ts";
import { CONFIG_PATH, REPO_ROOT } from "./paths.ts";

/** The `deno run` flags that keep the sandbox off the network. */
export const HERMETIC_FLAGS: readonly string[] = [
  // The project's lockfile, unchanged: a learner's new npm: import fails instead of resolving.
  "--frozen",
  // Modules come from the local cache; a cold cache fails at once (the parent then warms it).
  "--cached-only",
  // A learner's https:// import fails at once instead of waiting on the network.
  "--no-remote",
];

/**
 * Variables Deno itself reads to find its cache and reach the registry. The
 * learner's code cannot read them: without `--allow-env`, `Deno.env` is refused.
 */
export const DENO_ENV_NAMES: readonly string[] = [
  "HOME",
  "DENO_DIR",
  "XDG_CACHE_HOME",
  "HTTP_PROXY",
  "HTTPS_PROXY",
  "NO_PROXY",
  "ALL_PROXY",
  "http_proxy",
  "https_proxy",
  "no_proxy",
  "all_proxy",
  "DENO_CERT",
  "DENO_TLS_CA_STORE",
  "SSL_CERT_FILE",
  "SSL_CERT_DIR",
  "NODE_EXTRA_CA_CERTS",
  "NPM_CONFIG_REGISTRY",
  "DENO_AUTH_TOKENS",
  // Not for Deno: the tag by which `deno task test` finds and stops what a run left (setup/leftovers.ts).
  RUN_TAG_VARIABLE,
];

/**
 * The sandbox's environment: `NO_COLOR` and the variables of
 * {@linkcode DENO_ENV_NAMES} that are set here.
 *
 * @param get Reads a variable (tests pass a fake).
 * @returns The environment for `clearEnv: true`.
 */
export function sandboxEnv(get: (name: string) => string | undefined = Deno.env.get): Record<
  string,
  string
> {
  const env: Record<string, string> = { NO_COLOR: "1" };
  for (const name of DENO_ENV_NAMES) {
    const value = get(name);
    if (value) env[name] = value;
  }
  return env;
}

// What Deno prints when --cached-only meets a module or package the cache lacks.
const CACHE_MISS = /--cached-only|not found in cache|Failed caching npm package/;

/**
 * Whether a sandbox's error output says the module cache is cold.
 *
 * @param lines The sandbox's last lines of output.
 * @returns True when warming the cache could help.
 */
export function isCacheMiss(lines: readonly string[]): boolean {
  return lines.some((line) => CACHE_MISS.test(line));
}

/**
 * Fills the local cache with everything the sandbox loads: the library, the
 * runner, every exercise's checks, and the lockfile's npm packages. Runs
 * `deno cache` with this process's own environment (proxies, certificates).
 *
 * @param log Where the one progress line goes.
 * @throws Error with Deno's own message when the cache cannot be filled (offline on a cold cache).
 */
export async function warmModuleCache(log: (line: string) => void): Promise<void> {
  log("preparing the grader, first run only (filling Deno's module cache)...");
  const files = [`${REPO_ROOT}lib/mod.ts`, `${REPO_ROOT}tools/grade/sandbox_runner.ts`];
  for await (const entry of Deno.readDir(`${REPO_ROOT}exercises`)) {
    const check = `${REPO_ROOT}exercises/${entry.name}/check.ts`;
    if (entry.isDirectory && (await Deno.stat(check).catch(() => null))?.isFile) files.push(check);
  }
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["cache", "--quiet", "--frozen", "--config", CONFIG_PATH, ...files],
    cwd: REPO_ROOT,
    env: { NO_COLOR: "1" },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) {
    const text = new TextDecoder().decode(out.stderr).trim().split("\n").slice(-3).join(" | ");
    throw new Error(
      `could not prepare the grader: deno cache failed (${text || `exit code ${out.code}`}); ` +
        `the first run needs the npm registry`,
    );
  }
}
