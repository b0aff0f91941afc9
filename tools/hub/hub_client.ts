/**
 * A learner's side of the hub, through its REST API and proxy: log in with
 * the shared password, start the learner's server, open a kernel on one of
 * their notebooks, read and save notebooks. Used by the hub test and by
 * `deno task bench hub`.
 *
 * @module
 */
import { KernelConnection, ServerConnection, SessionAPI } from "@jupyterlab/services";
import { z } from "zod";
import { CellExecutor } from "../nb/cell_executor.ts";

/** A learner logged in to the hub. */
export interface Learner {
  /** The hub's public URL, ending in `/`. */
  hubUrl: string;
  /** The learner's user name. */
  name: string;
  /** An API token for the learner, from logging in. */
  token: string;
}

const TokenReply = z.object({ token: z.string() });
const UserReply = z.object({
  servers: z.record(z.string(), z.object({ ready: z.boolean() }).loose()),
}).loose();

async function hubFetch(
  learner: Learner,
  path: string,
  init: RequestInit = {},
): Promise<Response> {
  const response = await fetch(`${learner.hubUrl}${path}`, {
    ...init,
    headers: { Authorization: `token ${learner.token}`, ...init.headers },
  });
  if (!response.ok) {
    throw new Error(
      `${init.method ?? "GET"} ${path} as ${learner.name}: HTTP ${response.status} ${await response
        .text()}`,
    );
  }
  return response;
}

/**
 * Logs a learner in through the REST API: the hub's authenticator checks the
 * name and password, and the hub hands back an API token for that learner.
 *
 * @param hubUrl the hub's public URL, ending in `/`
 * @param name the learner's user name
 * @param password the shared password
 * @returns the logged-in learner
 * @throws Error when the hub refuses the login
 */
export async function logIn(hubUrl: string, name: string, password: string): Promise<Learner> {
  const response = await fetch(`${hubUrl}hub/api/users/${name}/tokens`, {
    method: "POST",
    body: JSON.stringify({ auth: { username: name, password }, note: "course client" }),
  });
  if (!response.ok) {
    throw new Error(`logging in ${name}: HTTP ${response.status} ${await response.text()}`);
  }
  return { hubUrl, name, token: TokenReply.parse(await response.json()).token };
}

/**
 * Starts the learner's server (their notebooks are copied in on the first
 * start) and waits until the hub says it is ready.
 *
 * @param learner the logged-in learner
 * @param timeoutMs how long the start may take
 * @throws Error when it is not ready in time
 */
export async function startServer(learner: Learner, timeoutMs = 300_000): Promise<void> {
  const path = `hub/api/users/${learner.name}`;
  const started = await hubFetch(learner, `${path}/server`, { method: "POST" });
  await started.body?.cancel();
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const user = UserReply.parse(await (await hubFetch(learner, path)).json());
    if (user.servers[""]?.ready) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${learner.name}'s server was not ready after ${timeoutMs / 1000} s`);
}

/**
 * The `@jupyterlab/services` settings for the learner's server, reached
 * through the hub's proxy (`/user/<name>/`).
 *
 * @param learner the logged-in learner
 * @returns connection settings
 */
export function serverSettings(learner: Learner): ServerConnection.ISettings {
  const baseUrl = `${learner.hubUrl}user/${learner.name}/`;
  return ServerConnection.makeSettings({
    baseUrl,
    wsUrl: baseUrl.replace(/^http/, "ws"),
    token: learner.token,
    appendToken: true,
    WebSocket: globalThis.WebSocket,
    fetch: globalThis.fetch.bind(globalThis),
  });
}

/** A kernel opened on one of a learner's notebooks. */
export interface LearnerKernel {
  /** Runs cells in order, each with its outputs collected. */
  executor: CellExecutor;
  /** Shuts the kernel down (its session is deleted on the learner's server). */
  close(): Promise<void>;
}

/**
 * Starts a kernel for one of the learner's notebooks, as opening it in the
 * browser does (a session on the notebook's path, kernel spec `deno`).
 *
 * @param learner the logged-in learner, whose server is running
 * @param notebook the notebook's path in the learner's folder
 * @returns the kernel; `close()` it when done
 */
export async function openKernel(learner: Learner, notebook: string): Promise<LearnerKernel> {
  const settings = serverSettings(learner);
  const session = await SessionAPI.startSession(
    { path: notebook, type: "notebook", name: notebook, kernel: { name: "deno" } },
    settings,
  );
  // KernelConnection logs every connection step through console.debug.
  const debug = console.debug;
  console.debug = () => {};
  let kernel: KernelConnection;
  try {
    kernel = new KernelConnection({
      model: session.kernel!,
      serverSettings: settings,
      handleComms: false,
    });
  } finally {
    console.debug = debug;
  }
  const executor = new CellExecutor(kernel);
  return {
    executor,
    close: async () => {
      executor.dispose();
      kernel.dispose();
      await SessionAPI.shutdownSession(session.id, settings);
    },
  };
}

/**
 * Reads one of the learner's notebooks through their server's Contents API.
 *
 * @param learner the logged-in learner
 * @param notebook the notebook's path in their folder
 * @returns the notebook JSON
 */
export async function readNotebook(learner: Learner, notebook: string): Promise<unknown> {
  const response = await hubFetch(learner, `user/${learner.name}/api/contents/${notebook}`);
  return z.object({ content: z.unknown() }).loose().parse(await response.json()).content;
}

/**
 * Saves one of the learner's notebooks through their server's Contents API,
 * as the browser's Save does.
 *
 * @param learner the logged-in learner
 * @param notebook the notebook's path in their folder
 * @param content the notebook JSON
 */
export async function saveNotebook(
  learner: Learner,
  notebook: string,
  content: unknown,
): Promise<void> {
  const response = await hubFetch(learner, `user/${learner.name}/api/contents/${notebook}`, {
    method: "PUT",
    body: JSON.stringify({ type: "notebook", format: "json", content }),
  });
  await response.body?.cancel();
}
