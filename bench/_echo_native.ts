/**
 * The native Deno reference for `bench/echo.ts`: `Deno.listen` and, per
 * connection, `conn.readable.pipeTo(conn.writable)`, with no teaching loop in
 * between. Prints `listening on <host>:<port>` once bound, so that the
 * benchmark can read the port when it asked for port 0.
 *
 * Usage: `deno run --allow-net bench/_echo_native.ts [--port 0] [--host 127.0.0.1]`
 *
 * @module
 */

function flag(name: string, fallback: string): string {
  const i = Deno.args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < Deno.args.length ? Deno.args[i + 1] : fallback;
}

const listener = Deno.listen({
  hostname: flag("host", "127.0.0.1"),
  port: Number(flag("port", "0")),
});
console.log(`listening on ${listener.addr.hostname}:${listener.addr.port}`);

for await (const conn of listener) {
  // A client that resets makes pipeTo reject: that connection is done, the server is not.
  conn.readable.pipeTo(conn.writable).catch(() => {});
}
