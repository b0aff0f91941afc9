import assert from "node:assert/strict";
import { EventLoop } from "../../lib/loop/mod.ts";
import { assertRaises, recordingLoop } from "../loop/_helpers.ts";
import { type Coroutine, gather, waitFor } from "../../lib/coroutine/mod.ts";
import {
  BrokenPipeError,
  ConnectionRefusedError,
  EVENT_READ,
  EVENT_WRITE,
  listenTcp,
  openConnection,
  Selector,
  startServer,
  type StreamReader,
  type StreamSocket,
  type StreamWriter,
  waitReady,
} from "../../lib/socket/mod.ts";

const enc = new TextEncoder();
const dec = new TextDecoder();

function* echo(reader: StreamReader, writer: StreamWriter): Coroutine<void> {
  try {
    for (let d = yield* reader.read(65536); d.length > 0; d = yield* reader.read(65536)) {
      writer.write(d);
      yield* writer.drain();
    }
  } catch {
    writer.abort(); // a client that resets ends its own connection only
  }
}

Deno.test("streams over real TCP: lines, exact reads, separators, end of file", async () => {
  const loop = new EventLoop();
  await loop.runUntilComplete((function* () {
    const server = yield* startServer(echo, "127.0.0.1", 0);
    assert.ok(server.port > 0);
    const [reader, writer] = yield* openConnection("127.0.0.1", server.port);
    writer.write("hello\nworld|12345");
    assert.equal(dec.decode(yield* reader.readline()), "hello\n");
    assert.equal(dec.decode(yield* reader.readUntil("|")), "world|");
    assert.equal(dec.decode(yield* reader.readExactly(5)), "12345");
    writer.writeEof();
    assert.equal((yield* reader.read()).length, 0);
    assert.ok(reader.atEof());
    writer.close();
    yield* writer.waitClosed();
    server.close();
    yield* server.waitClosed();
  })());
  loop.close();
});

Deno.test("connect refused; a client closing mid-message; a reset; the server survives", async () => {
  const { loop, errors } = recordingLoop({ clock: "real" });
  await loop.runUntilComplete((function* () {
    const free = listenTcp(0);
    const port = free.localAddress.port;
    free.close();
    yield* loopPromise(loop, free.waitClosed());
    try {
      yield* openConnection("127.0.0.1", port);
      assert.fail("connected to a closed port");
    } catch (error) {
      assert.ok(error instanceof ConnectionRefusedError);
    }
    const server = yield* startServer(echo, "127.0.0.1", 0);
    // mid-message: half a line, then gone
    let [reader, writer] = yield* openConnection("127.0.0.1", server.port);
    writer.write("half a li");
    assert.equal(dec.decode(yield* reader.readExactly(9)), "half a li");
    writer.close();
    yield* writer.waitClosed();
    // reset: closing with unread echoed bytes makes the kernel send RST
    const sock = yield* loop.sockConnect("127.0.0.1", server.port);
    yield* loop.sockSendall(sock, enc.encode("x".repeat(1000)));
    sock.abort();
    yield* loopPromise(loop, sock.waitClosed());
    // the server still echoes for a new client
    [reader, writer] = yield* openConnection("127.0.0.1", server.port);
    writer.write("still here\n");
    assert.equal(dec.decode(yield* reader.readline()), "still here\n");
    writer.close();
    yield* writer.waitClosed();
    server.close();
    yield* server.waitClosed();
  })());
  assert.deepEqual(errors, []);
  loop.close();
});

// Regression: each time the send buffer went from full to empty, the write pump's exit and a
// waiting sender's next send() raced, and the send() lost (the bytes waited forever).
Deno.test("sockSendall of 1 MB to a reading peer: the send buffer fills and empties, no lost wake-up", async () => {
  const loop = new EventLoop();
  await loop.runUntilComplete((function* () {
    const listener = listenTcp(0);
    const client = yield* loop.sockConnect("127.0.0.1", listener.localAddress.port);
    const [conn] = yield* loop.sockAccept(listener);
    const watchdog = loop.callLater(30, () => client.abort()); // a stall fails, not hangs
    const receiving = loop.createTask((function* () {
      let got = 0;
      for (;;) {
        const data = yield* loop.sockRecv(conn, 1 << 20);
        if (data.length === 0) return got;
        got += data.length;
      }
    })());
    yield* loop.sockSendall(client, new Uint8Array(1 << 20).fill(7));
    client.shutdownWrite();
    assert.equal(yield* receiving, 1 << 20);
    watchdog.cancel();
    for (const s of [client, conn, listener]) s.close();
    yield* loopPromise(loop, Promise.all([client, conn, listener].map((s) => s.waitClosed())));
  })());
  loop.close();
});

// Regression: the accept pump pauses when its queue reaches the backlog, and accept() must
// restart it (it did not when the pump's flag was cleared a microtask late).
Deno.test("a listener with backlog 1 accepts 20 connections: accept() resumes a paused accept pump", async () => {
  const loop = new EventLoop();
  await loop.runUntilComplete((function* () {
    const listener = listenTcp(0, "127.0.0.1", { backlog: 1 });
    const port = listener.localAddress.port;
    const watchdog = loop.callLater(30, () => listener.close()); // a stall fails, not hangs
    // Accepting before anyone connects: each connection fills the queue as a waiter takes it.
    const accepting = loop.createTask((function* () {
      const accepted: StreamSocket[] = [];
      for (let i = 0; i < 20; i++) accepted.push((yield* loop.sockAccept(listener))[0]);
      return accepted;
    })());
    const clients = yield* gather(
      ...Array.from({ length: 20 }, () => loop.sockConnect("127.0.0.1", port)),
    );
    const accepted = yield* accepting;
    watchdog.cancel();
    const ports = new Set(accepted.map((s) => s.remoteAddress.port));
    assert.deepEqual(ports, new Set(clients.map((c) => c.localAddress.port)));
    for (const s of [...clients, ...accepted, listener]) s.close();
    const all = [...clients, ...accepted, listener].map((s) => s.waitClosed());
    yield* loopPromise(loop, Promise.all(all));
  })());
  loop.close();
});

Deno.test("a client that never reads: the server stops at its high water mark, then echoes every byte once", async () => {
  const { loop, errors } = recordingLoop({ clock: "real" });
  // The bytes are i % 251 at every offset i: a chunk 251 * 256 bytes long repeats exactly.
  const chunk = new Uint8Array(251 * 256).map((_, i) => i % 251);
  const total = 512 * chunk.length; // 32 MB: far more than loopback's kernel buffers hold (~8 MB)
  let peak = 0;
  let serverSock: StreamSocket | null = null;
  let draining = false; // the server's handler is suspended in drain(), so it reads nothing
  await loop.runUntilComplete((function* () {
    const server = yield* startServer(
      function* (reader, writer) {
        serverSock = writer.socket;
        for (let d = yield* reader.read(65536); d.length > 0; d = yield* reader.read(65536)) {
          writer.write(d);
          peak = Math.max(peak, writer.bufferSize);
          draining = true;
          yield* writer.drain();
          draining = false;
        }
      },
      "127.0.0.1",
      0,
    );
    const client = yield* loop.sockConnect("127.0.0.1", server.port);
    let sent = 0;
    const sending = loop.createTask((function* () {
      while (sent < total) {
        yield* loop.sockSendall(client, chunk);
        sent += chunk.length;
      }
      client.shutdownWrite();
    })());
    // Wait (a bounded number of 1 ms naps) until everything has backed up: the client's send
    // buffer is full, the server's handler waits in drain(), and its socket stopped reading.
    const backedUp = () =>
      !client.writable && draining && serverSock !== null &&
      serverSock.recvBuffered >= 64 * 1024;
    for (let naps = 0; naps < 20_000 && !backedUp() && !sending.done(); naps++) {
      yield* loopPromise(loop, new Promise((r) => setTimeout(r, 1)));
    }
    assert.ok(backedUp(), "the client's sends, then the server's reads, must stall");
    assert.ok(sent < total, `all ${sent} bytes were sent to a client that never reads`);
    // Bounded memory on the server: its writer holds at most the high water mark plus one
    // read, and its socket's buffers are bounded by construction.
    assert.ok(peak <= 64 * 1024 + 65536, `server writer peaked at ${peak} bytes`);
    assert.ok(serverSock!.sendBuffered <= 64 * 1024);
    // Now the client reads: the server resumes, and every byte comes back exactly once.
    // A lost wake-up would stall this forever; the watchdog turns that into a failure.
    const watchdog = loop.callLater(60, () => client.abort());
    let got = 0;
    for (;;) {
      const data = yield* loop.sockRecv(client, 1 << 20);
      if (data.length === 0) break; // the server closed after our shutdownWrite: nothing more
      for (let i = 0; i < data.length; i++) {
        if (data[i] !== (got + i) % 251) assert.fail(`byte ${got + i} differs`);
      }
      got += data.length;
      assert.ok(got <= total, `${got} bytes echoed for ${total} sent`);
    }
    assert.equal(got, total);
    yield* sending;
    watchdog.cancel();
    client.close();
    yield* loopPromise(loop, client.waitClosed());
    server.close();
    yield* server.waitClosed();
  })());
  assert.deepEqual(errors, []);
  loop.close();
});

Deno.test("half-close: 1 MB then end of file at once; the server echoes it all after the FIN", async () => {
  const { loop, errors } = recordingLoop({ clock: "real" });
  await loop.runUntilComplete((function* () {
    const server = yield* startServer(echo, "127.0.0.1", 0);
    const [reader, writer] = yield* openConnection("127.0.0.1", server.port);
    const payload = new Uint8Array(1 << 20).map((_, i) => i % 251);
    writer.write(payload);
    writer.writeEof(); // sent once the megabyte is out; our side keeps reading
    const back = yield* reader.read(); // everything until the server's own end of file
    assert.equal(back.length, payload.length);
    assert.ok(back.every((b, i) => b === payload[i]), "the echo differs");
    assert.ok(reader.atEof());
    writer.close();
    yield* writer.waitClosed();
    server.close();
    yield* server.waitClosed();
  })());
  assert.deepEqual(errors, []);
  loop.close();
});

Deno.test("a line server: a client gone mid-line, another reset mid-reply; the server goes on", async () => {
  const { loop, errors } = recordingLoop({ clock: "real" });
  const heard: string[] = [];
  const failures: string[] = [];
  function* lines(reader: StreamReader, writer: StreamWriter): Coroutine<void> {
    try {
      for (let line = yield* reader.readline(); line.length > 0; line = yield* reader.readline()) {
        heard.push(dec.decode(line));
        writer.write(line);
        yield* writer.drain();
      }
    } catch (error) {
      failures.push((error as Error).name);
      writer.abort();
    }
  }
  await loop.runUntilComplete((function* () {
    const server = yield* startServer(lines, "127.0.0.1", 0);
    // Mid-line: one whole line, half of the next, then gone. readline hands the half over at EOF.
    let [reader, writer] = yield* openConnection("127.0.0.1", server.port);
    writer.write("whole line\nhalf a li");
    assert.equal(dec.decode(yield* reader.readline()), "whole line\n");
    writer.close();
    yield* writer.waitClosed();
    // Reset while the server is still echoing: 1 MB of lines, read nothing, abort.
    const sock = yield* loop.sockConnect("127.0.0.1", server.port);
    yield* loop.sockSendall(sock, enc.encode(("y".repeat(63) + "\n").repeat(16384)));
    sock.abort();
    yield* loopPromise(loop, sock.waitClosed());
    // The server still serves.
    [reader, writer] = yield* openConnection("127.0.0.1", server.port);
    writer.write("still here\n");
    assert.equal(dec.decode(yield* reader.readline()), "still here\n");
    writer.close();
    yield* writer.waitClosed();
    server.close();
    yield* server.waitClosed(); // every handler finished, the aborted one included
  })());
  assert.deepEqual(heard.slice(0, 2), ["whole line\n", "half a li"]);
  assert.equal(heard.at(-1), "still here\n");
  // The reset one ended either with an error caught in the handler or with a plain end of file.
  assert.ok(
    failures.every((name) => name === "ConnectionResetError" || name === "BrokenPipeError"),
    `unexpected handler errors: ${failures}`,
  );
  assert.deepEqual(errors, []);
  loop.close();
});

Deno.test("1,000 clients at once, every byte echoed exactly once", async () => {
  const { loop, errors } = recordingLoop({ clock: "real" });
  await loop.runUntilComplete((function* () {
    const server = yield* startServer(echo, "127.0.0.1", 0);
    function* client(i: number): Coroutine<void> {
      const [reader, writer] = yield* openConnection("127.0.0.1", server.port);
      const lines = [0, 1, 2].map((m) => `client ${i} line ${m}\n`);
      for (const line of lines) writer.write(line);
      writer.writeEof();
      assert.equal(dec.decode(yield* reader.read()), lines.join(""));
      writer.close();
      yield* writer.waitClosed();
    }
    yield* gather(...Array.from({ length: 1000 }, (_, i) => client(i)));
    server.close();
    yield* server.waitClosed();
  })());
  assert.deepEqual(errors, []);
  loop.close();
});

Deno.test("a server closed while clients are connected; the selector sees the end of file", async () => {
  const loop = new EventLoop();
  await loop.runUntilComplete((function* () {
    const server = yield* startServer(echo, "127.0.0.1", 0);
    const socks: StreamSocket[] = [];
    for (let i = 0; i < 5; i++) socks.push(yield* loop.sockConnect("127.0.0.1", server.port));
    const selector = new Selector<number>();
    socks.forEach((s, i) => selector.register(s, EVENT_READ, i));
    while (server.connectionCount < 5) yield* loopPromise(loop, Promise.resolve());
    server.close();
    server.closeClients();
    yield* server.waitClosed();
    const seen = new Set<number>();
    while (seen.size < 5) {
      for (const [key, events] of yield* selector.select(5)) {
        assert.equal(events, EVENT_READ);
        assert.equal((key.fileobj as StreamSocket).recv(10).length, 0); // end of file
        seen.add(key.data);
        selector.unregister(key.fileobj);
      }
    }
    for (const s of socks) s.close();
    yield* loopPromise(loop, Promise.all(socks.map((s) => s.waitClosed())));
  })());
  loop.close();
});

Deno.test("recv(n) takes up to n of the bytes buffered, across several native reads", async () => {
  const loop = new EventLoop();
  await loop.runUntilComplete((function* () {
    const listener = listenTcp(0);
    const client = yield* loop.sockConnect("127.0.0.1", listener.localAddress.port);
    const [conn] = yield* loop.sockAccept(listener);
    // Three sends, each waited for on the far side, so each lands in its own native read.
    for (const [i, part] of ["abc", "defg", "hi"].entries()) {
      yield* loop.sockSendall(client, enc.encode(part));
      yield* until(loop, () => conn.recvBuffered === [3, 7, 9][i]);
    }
    assert.equal(dec.decode(conn.recv(1024)), "abcdefghi"); // all of them, in one recv
    assert.equal(conn.recvBuffered, 0);
    for (const part of ["12", "345", "6789"]) {
      const before = conn.recvBuffered;
      yield* loop.sockSendall(client, enc.encode(part));
      yield* until(loop, () => conn.recvBuffered === before + part.length);
    }
    assert.equal(dec.decode(conn.recv(4)), "1234"); // exactly n, across two chunks
    assert.equal(dec.decode(conn.recv(1)), "5");
    assert.equal(dec.decode(conn.recv(100)), "6789");
    for (const s of [client, conn, listener]) s.close();
    yield* loopPromise(loop, Promise.all([client, conn, listener].map((s) => s.waitClosed())));
  })());
  loop.close();
});

Deno.test("after shutdownWrite, send and sockSendall raise BrokenPipeError at once, even a waiting one", async () => {
  const loop = new EventLoop();
  await loop.runUntilComplete((function* () {
    const listener = listenTcp(0);
    const client = yield* loop.sockConnect("127.0.0.1", listener.localAddress.port);
    const [conn] = yield* loop.sockAccept(listener);
    client.shutdownWrite();
    assert.ok(client.writable, "writable: a send would not block, it fails");
    yield* waitFor(waitReady(loop, client, EVENT_WRITE), 5); // readiness does not hang
    assert.throws(() => client.send(enc.encode("x")), BrokenPipeError);
    yield* assertRaises(waitFor(loop.sockSendall(client, enc.encode("late")), 5), BrokenPipeError);
    assert.equal((yield* waitFor(loop.sockRecv(conn, 10), 5)).length, 0); // the peer saw the FIN
    // A sender already waiting for room (the peer never reads) fails once the write side shuts.
    const sender = loop.createTask(loop.sockSendall(conn, new Uint8Array(64 << 20)));
    yield* until(loop, () => !conn.writable);
    conn.shutdownWrite();
    yield* assertRaises(waitFor(sender, 5), BrokenPipeError);
    client.abort();
    conn.abort();
    listener.close();
    yield* loopPromise(loop, Promise.all([client, conn, listener].map((s) => s.waitClosed())));
  })());
  loop.close();
});

/** Naps 1 ms at a time until `condition()` holds; fails after 10 s instead of hanging. */
function* until(loop: EventLoop, condition: () => boolean): Coroutine<void> {
  for (let naps = 0; !condition(); naps++) {
    assert.ok(naps < 10_000, "the condition never came true");
    yield* loopPromise(loop, new Promise((r) => setTimeout(r, 1)));
  }
}

function* loopPromise<T>(loop: EventLoop, p: Promise<T>): Coroutine<T> {
  const f = loop.createFuture<T>();
  p.then((v) => loop.callSoonThreadsafe(() => f.setResult(v)));
  return yield* f;
}
