/**
 * The native Deno references for `bench/echo.ts`, with no teaching loop in
 * between: `Deno.listen` and, per connection, either
 * `conn.readable.pipeTo(conn.writable)` (the idiomatic one-liner, through web
 * streams) or, with `--floor`, the least a Deno server can do per message: one
 * `conn.read` into a buffer kept for the connection, one `conn.write` of what
 * came. No library on Deno can spend less per message than the floor, so it
 * shows how much of the course server's cost is Deno's own. Prints
 * `listening on <host>:<port>` once bound, so that the benchmark can read the
 * port when it asked for port 0.
 *
 * Usage: `deno run --allow-net bench/_echo_native.ts [--port 0] [--host 127.0.0.1] [--floor]`
 *
 * @module
 */

function flag(name: string, fallback: string): string {
  const i = Deno.args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < Deno.args.length ? Deno.args[i + 1] : fallback;
}

/** Reads and writes back until end of file: one native read and one native write per message. */
async function echoByHand(conn: Deno.TcpConn): Promise<void> {
  conn.setNoDelay(true); // as the course's sockets do: small echoes go out at once
  const buffer = new Uint8Array(64 * 1024);
  try {
    for (let n = await conn.read(buffer); n !== null; n = await conn.read(buffer)) {
      for (let written = 0; written < n;) {
        written += await conn.write(buffer.subarray(written, n));
      }
    }
  } finally {
    conn.close(); // pipeTo closes its own; this loop must close by hand
  }
}

const listener = Deno.listen({
  hostname: flag("host", "127.0.0.1"),
  port: Number(flag("port", "0")),
});
console.log(`listening on ${listener.addr.hostname}:${listener.addr.port}`);
const floor = Deno.args.includes("--floor");

for await (const conn of listener) {
  // A client that resets makes the echo reject: that connection is done, the server is not.
  (floor ? echoByHand(conn) : conn.readable.pipeTo(conn.writable)).catch(() => {});
}
