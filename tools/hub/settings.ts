/**
 * The settings of one `deno task hub` run: what `tools/hub/main.ts` decides
 * (ports, learners, folders, password) and `jupyterhub_config.py` reads.
 *
 * @module
 */
import { z } from "zod";

/** The schema of the settings file the hub's Python config reads. */
export const HubSettingsSchema = z.object({
  /** The class folder: the hub's database, cookie secret, pid files, this file. */
  hubDir: z.string(),
  /** The folder holding one folder per learner (their notebooks). */
  usersDir: z.string(),
  /** The course notebooks each learner gets a copy of on first login. */
  notebooksDir: z.string(),
  /** The learners allowed to log in. */
  learners: z.array(z.string()).min(1),
  /** The admin user (the teacher); also allowed to log in. */
  admin: z.string(),
  /** The shared password of the local-trial authenticator. */
  password: z.string().min(1),
  /** The public port (the proxy's). */
  port: z.number().int().min(1).max(65535),
  /** The hub's internal API port. */
  hubPort: z.number().int().min(1).max(65535),
  /** The proxy's REST API port. */
  proxyApiPort: z.number().int().min(1).max(65535),
  /** The teacher service's REST API token. */
  apiToken: z.string().min(32),
  /** Seconds a learner's server may take to start. */
  startTimeout: z.number().int().positive(),
  /** Extra arguments of every learner's `jupyterhub-singleuser`. */
  serverArgs: z.array(z.string()),
  /** Environment given to every learner's server (and so to its kernels). */
  env: z.record(z.string(), z.string()),
});

/** The settings of one hub run. */
export type HubSettings = z.infer<typeof HubSettingsSchema>;

/** The JupyterHub config file, next to this module. */
export const HUB_CONFIG_PATH: string = new URL("./jupyterhub_config.py", import.meta.url).pathname;

/**
 * Writes the settings where the Python config finds them, readable only by us
 * (it holds the password and the API token).
 *
 * @param settings the settings to write
 * @returns the file's path
 */
export async function writeSettings(settings: HubSettings): Promise<string> {
  const path = `${settings.hubDir}/settings.json`;
  await Deno.writeTextFile(
    path,
    JSON.stringify(HubSettingsSchema.parse(settings), null, 2) + "\n",
    {
      mode: 0o600,
    },
  );
  return path;
}
