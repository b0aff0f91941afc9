/**
 * A local HTTP server for `07-abort-fetch`, written on plain TCP so that it
 * sees a client give up: it answers after `?delay=` ms, and if the client
 * closes the connection before that, the request counts as aborted. The
 * checks can then tell a cancelled request from one merely ignored.
 *
 * @module
 */

/** The server and what it saw. */
export interface AbortServer extends AsyncDisposable {
  /** `http://127.0.0.1:<port>/`. */
  url: string;
  /** Requests received. */
  readonly requests: number;
  /** Requests whose client went away before the answer. */
  readonly aborted: number;
}

/** Serves one connection: one request, then the answer or the client's goodbye. */
async function serve(conn: Deno.TcpConn, state: { requests: number; aborted: number }) {
  const buffer = new Uint8Array(4096);
  let head = "";
  while (!head.includes("\r\n\r\n")) {
    const n = await conn.read(buffer).catch(() => null);
    if (n === null) return;
    head += new TextDecoder().decode(buffer.subarray(0, n));
  }
  state.requests++;
  const target = head.split(" ")[1] ?? "/";
  const delay = Number(new URL(target, "http://x").searchParams.get("delay") ?? 0);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const answered = new Promise<"answer">((resolve) =>
    timer = setTimeout(() => resolve("answer"), delay)
  );
  const closed = conn.read(buffer).then(() => "closed" as const, () => "closed" as const);
  if (await Promise.race([answered, closed]) === "closed") {
    clearTimeout(timer);
    state.aborted++;
    return;
  }
  const body = `answered after ${delay} ms`;
  const response =
    `HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: ${body.length}\r\n` +
    `connection: close\r\n\r\n${body}`;
  await conn.write(new TextEncoder().encode(response)).catch(() => {});
  await closed; // the client reads the answer and closes
}

/**
 * Starts the server on an ephemeral port of the loopback.
 *
 * @returns The server; dispose of it to stop it.
 */
export function startAbortServer(): AbortServer {
  const state = { requests: 0, aborted: 0 };
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const conns = new Set<Deno.TcpConn>();
  const serving = new Set<Promise<void>>();
  const accepting = (async () => {
    for await (const conn of listener) {
      conns.add(conn);
      const job = serve(conn, state).finally(() => {
        conns.delete(conn);
        serving.delete(job);
        try {
          conn.close();
        } catch { /* closed already */ }
      });
      serving.add(job);
    }
  })().catch(() => {});
  return {
    url: `http://127.0.0.1:${listener.addr.port}/`,
    get requests() {
      return state.requests;
    },
    get aborted() {
      return state.aborted;
    },
    async [Symbol.asyncDispose]() {
      listener.close();
      for (const conn of conns) {
        try {
          conn.close();
        } catch { /* closed already */ }
      }
      await Promise.all([accepting, ...serving]);
    },
  };
}
