import assert from "node:assert/strict";

const echoTs = new URL("../../tools/echo.ts", import.meta.url).pathname;

/** Starts `deno task echo --port 0` as a subprocess and reads its port. */
async function startEcho(idleTimeout = "30", ...more: string[]) {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-net", echoTs, "--port", "0", "--idle-timeout", idleTimeout, ...more],
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let log = "";
  while (!/listening on .*:(\d+)\n/.test(log)) {
    const { value, done } = await reader.read();
    if (done) throw new Error("echo exited early: " + log);
    log += value;
  }
  const port = Number(log.match(/listening on .*:(\d+)/)![1]);
  return { child, port, reader, log };
}

async function run(cmd: string, args: string[], input: string): Promise<string> {
  const p = new Deno.Command(cmd, { args, stdin: "piped", stdout: "piped", stderr: "inherit" })
    .spawn();
  const w = p.stdin.getWriter();
  await w.write(new TextEncoder().encode(input));
  await w.close();
  const out = await p.output();
  assert.equal(out.code, 0);
  return new TextDecoder().decode(out.stdout);
}

const hasNc = (() => {
  try {
    return new Deno.Command("nc", { args: ["-h"], stderr: "null", stdout: "null" }).outputSync()
      .code !== 127;
  } catch {
    return false;
  }
})();

Deno.test("deno task echo serves nc and a Python asyncio client, logs them, stops on SIGINT", async () => {
  const { child, port, reader } = await startEcho();
  try {
    if (hasNc) {
      // -N: send end of file when stdin ends, so the server closes and nc exits.
      assert.equal(await run("nc", ["-N", "127.0.0.1", String(port)], "hello nc\n"), "hello nc\n");
    } else {
      console.log("nc is not installed (apt-get install -y netcat-openbsd): skipping the nc part");
    }
    const python = `
import asyncio
async def main():
    r, w = await asyncio.open_connection("127.0.0.1", ${port})
    w.write(b"hello python\\n\\x00\\xff garbage")
    await w.drain()
    print((await r.readline()).decode(), end="")
    w.write_eof()
    print(len(await r.read()))
    w.close()
    await w.wait_closed()
asyncio.run(main())
`;
    assert.equal(await run("python3", ["-c", python], ""), "hello python\n10\n");
  } finally {
    child.kill("SIGINT");
  }
  let log = "";
  for (let r = await reader.read(); !r.done; r = await reader.read()) log += r.value;
  assert.equal((await child.status).code, 0);
  assert.match(log, /connect 127\.0\.0\.1:\d+/);
  assert.match(log, /disconnect 127\.0\.0\.1:\d+ \(end of file/);
  assert.match(log, /bye/);
});

Deno.test("deno task echo --idle-timeout 0.2 drops a client that sends nothing", async () => {
  const { child, port, reader } = await startEcho("0.2");
  let log = "";
  try {
    const conn = await Deno.connect({ hostname: "127.0.0.1", port });
    // Should the server never drop us, fail after 30 s instead of hanging (closing fails the read).
    let gaveUp = false;
    const guard = setTimeout(() => {
      gaveUp = true;
      conn.close();
    }, 30_000);
    try {
      // Silent: the server's watchdog must end the connection; we only see its end of file.
      const n = await conn.read(new Uint8Array(16));
      assert.equal(n, null, "the server should have closed the idle connection");
    } finally {
      clearTimeout(guard);
      if (!gaveUp) conn.close();
    }
  } finally {
    child.kill("SIGINT");
    for (let r = await reader.read(); !r.done; r = await reader.read()) log += r.value;
  }
  assert.equal((await child.status).code, 0);
  assert.match(log, /disconnect 127\.0\.0\.1:\d+ \(idle timeout, 0 bytes echoed\)/);
});

Deno.test("deno task echo --quiet echoes without a line per client, and still says when it stops", async () => {
  const { child, port, reader } = await startEcho("30", "--quiet");
  let log = "";
  try {
    const conn = await Deno.connect({ hostname: "127.0.0.1", port });
    await conn.write(new TextEncoder().encode("ping\n"));
    const echo = new Uint8Array(5);
    let got = 0;
    while (got < echo.length) got += (await conn.read(echo.subarray(got))) ?? echo.length;
    assert.equal(new TextDecoder().decode(echo), "ping\n");
    conn.close();
  } finally {
    child.kill("SIGINT");
    for (let r = await reader.read(); !r.done; r = await reader.read()) log += r.value;
  }
  assert.equal((await child.status).code, 0);
  assert.doesNotMatch(log, /connect 127/);
  assert.match(log, /bye/);
});

Deno.test("parseEchoArgs: --quiet takes no value; unknown flags name the known ones", async () => {
  const { parseEchoArgs } = await import("../../tools/echo.ts");
  const options = parseEchoArgs(["--quiet", "--port", "0"]);
  assert.equal(options.logClients, false);
  assert.equal(options.port, 0);
  assert.equal(parseEchoArgs([]).logClients, true);
  assert.throws(() => parseEchoArgs(["--loud", "1"]), /unknown flag --loud; use .*--quiet/);
});
