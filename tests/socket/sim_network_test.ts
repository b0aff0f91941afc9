import assert from "node:assert/strict";
import { assertRaises } from "../loop/_helpers.ts";
import { EventLoop } from "../../lib/loop/mod.ts";
import { type Coroutine, gather, TimeoutError, waitFor } from "../../lib/coroutine/mod.ts";
import {
  BrokenPipeError,
  ConnectionRefusedError,
  ConnectionResetError,
  EVENT_WRITE,
  openConnection,
  SimNetwork,
  type SimSocket,
  startServer,
  type StreamReader,
  type StreamWriter,
  waitReady,
} from "../../lib/socket/mod.ts";

const enc = new TextEncoder();
const dec = new TextDecoder();
const close = (a: number, b: number) => Math.abs(a - b) < 1e-9;

function* echo(reader: StreamReader, writer: StreamWriter): Coroutine<void> {
  for (let data = yield* reader.read(65536); data.length > 0; data = yield* reader.read(65536)) {
    writer.write(data);
    yield* writer.drain();
  }
}

Deno.test("ten clients, 100 ms latency, one concurrent server: all done at exactly 0.4 s", async () => {
  const loop = new EventLoop({ clock: "virtual" });
  const network = new SimNetwork({ latency: 0.1 });
  const times = await loop.runUntilComplete((function* () {
    const server = yield* startServer(echo, "sim", 7, { network });
    function* client(i: number): Coroutine<number> {
      const [reader, writer] = yield* openConnection("sim", 7, { network });
      writer.write(`hello ${i}\n`);
      assert.equal(dec.decode(yield* reader.readline()), `hello ${i}\n`);
      writer.close();
      return loop.time();
    }
    const done = yield* gather(...Array.from({ length: 10 }, (_, i) => client(i)));
    server.close();
    yield* server.waitClosed();
    return done;
  })());
  // One round trip to connect, one for the echo.
  for (const t of times) assert.ok(close(t, 0.4), `finished at ${t}`);
  loop.close();
});

Deno.test("a serial server makes the ten clients queue: the last one finishes later", async () => {
  const loop = new EventLoop({ clock: "virtual" });
  const network = new SimNetwork({ latency: 0.1 });
  const times = await loop.runUntilComplete((function* () {
    const listener = network.listen(7);
    const serve = loop.createTask((function* () {
      for (let served = 0; served < 10; served++) {
        const [conn] = yield* loop.sockAccept(listener);
        const data = yield* loop.sockRecv(conn, 1024);
        yield* loop.sockSendall(conn, data);
        // Wait for the client's end of file before taking the next one.
        while ((yield* loop.sockRecv(conn, 1024)).length > 0);
        conn.close();
      }
    })());
    function* client(i: number): Coroutine<number> {
      const sock = yield* loop.sockConnect("sim", 7, { network });
      yield* loop.sockSendall(sock, enc.encode(`${i}`));
      yield* loop.sockRecv(sock, 1024);
      const t = loop.time();
      sock.close();
      return t;
    }
    const done = yield* gather(...Array.from({ length: 10 }, (_, i) => client(i)));
    yield* serve;
    listener.close();
    return done;
  })());
  assert.ok(close(times[0], 0.4));
  // Each later client waits for the previous client's end of file: one more
  // round trip per client ahead of it.
  for (let i = 1; i < 10; i++) assert.ok(close(times[i], 0.4 + 0.2 * i), `${i}: ${times[i]}`);
  loop.close();
});

Deno.test("bandwidth: 1,000 bytes at 10,000 bytes/s take 0.1 s on the wire plus latency", async () => {
  const loop = new EventLoop({ clock: "virtual" });
  const network = new SimNetwork({ latency: 0.05, bandwidth: 10_000 });
  const t = await loop.runUntilComplete((function* () {
    const listener = network.listen(9);
    const client = yield* loop.sockConnect("sim", 9, { network });
    const [conn] = yield* loop.sockAccept(listener);
    const sent = loop.time();
    yield* loop.sockSendall(client, new Uint8Array(1000));
    let got = 0;
    while (got < 1000) got += (yield* loop.sockRecv(conn, 4096)).length;
    client.close();
    conn.close();
    listener.close();
    return loop.time() - sent;
  })());
  assert.ok(close(t, 0.15), `took ${t}`);
  loop.close();
});

Deno.test("connecting to a port nobody listens on is refused after a round trip", async () => {
  const loop = new EventLoop({ clock: "virtual" });
  const network = new SimNetwork({ latency: 0.1 });
  await assert.rejects(
    loop.runUntilComplete(loop.sockConnect("sim", 1, { network })),
    ConnectionRefusedError,
  );
  assert.ok(close(loop.time(), 0.2));
  loop.close();
});

Deno.test("faults: reset, drop (caught by a timeout), stall (delays, loses nothing)", async () => {
  const loop = new EventLoop({ clock: "virtual" });
  const network = new SimNetwork({ latency: 0.1 });
  await loop.runUntilComplete((function* () {
    const listener = network.listen(5);
    const pair = function* (): Coroutine<[SimSocket, SimSocket]> {
      const client = (yield* loop.sockConnect("sim", 5, { network })) as SimSocket;
      const [conn] = yield* loop.sockAccept(listener);
      return [client, conn as SimSocket];
    };
    // reset: the peer's pending read fails one latency later
    let [client, conn] = yield* pair();
    const t0 = loop.time();
    network.reset(client);
    yield* assertRaises(loop.sockRecv(conn, 10), ConnectionResetError);
    assert.ok(close(loop.time() - t0, 0.1));
    client.close();
    conn.close();
    // drop: nothing arrives, nobody is told; only a timeout notices
    [client, conn] = yield* pair();
    network.drop(client);
    yield* loop.sockSendall(client, enc.encode("lost"));
    yield* assertRaises(waitFor(loop.sockRecv(conn, 10), 5), TimeoutError);
    client.close();
    conn.close();
    // stall: bytes sent during a 2 s stall arrive when it ends, in order
    [client, conn] = yield* pair();
    const t1 = loop.time();
    network.stall(client, 2);
    yield* loop.sockSendall(client, enc.encode("a"));
    yield* loop.sockSendall(client, enc.encode("b"));
    let text = "";
    while (text.length < 2) text += dec.decode(yield* loop.sockRecv(conn, 10));
    assert.equal(text, "ab");
    assert.ok(close(loop.time() - t1, 2));
    client.close();
    conn.close();
    listener.close();
  })());
  loop.close();
});

Deno.test("a client that never reads: the server's writes back off, memory stays bounded", async () => {
  const loop = new EventLoop({ clock: "virtual" });
  const network = new SimNetwork({ latency: 0.01, bufferSize: 16 * 1024 });
  let serverBuffered = 0;
  let peak = 0;
  await loop.runUntilComplete((function* () {
    const server = yield* startServer(
      function* (reader, writer) {
        for (let d = yield* reader.read(4096); d.length > 0; d = yield* reader.read(4096)) {
          writer.write(d);
          peak = Math.max(peak, writer.bufferSize);
          yield* writer.drain();
          serverBuffered = writer.bufferSize;
        }
      },
      "sim",
      8,
      { network, highWater: 32 * 1024 },
    );
    const client = yield* loop.sockConnect("sim", 8, { network });
    // Send 1 MB, never read: the sender must stall long before the end.
    const total = 1024 * 1024;
    const sending = loop.createTask(loop.sockSendall(client, new Uint8Array(total)));
    // Let a long virtual while pass: everything that can move has moved.
    yield* sleepFor(loop, 60);
    assert.equal(sending.done(), false, "the client's send stalled: back-pressure reached it");
    assert.ok(peak <= 32 * 1024 + 4096, `server writer peaked at ${peak} bytes`);
    // Now read everything: every byte comes back exactly once, in order.
    let got = 0;
    while (got < total) {
      const data = yield* loop.sockRecv(client, 65536);
      assert.ok(data.every((b) => b === 0));
      got += data.length;
    }
    yield* sending;
    assert.equal(got, total);
    client.close();
    server.close();
    yield* server.waitClosed();
  })());
  assert.ok(serverBuffered <= 32 * 1024);
  loop.close();
});

Deno.test("half-close: the client shuts down its side and still reads every echo", async () => {
  const loop = new EventLoop({ clock: "virtual" });
  const network = new SimNetwork({ latency: 0.1 });
  const text = await loop.runUntilComplete((function* () {
    const server = yield* startServer(echo, "sim", 7, { network });
    const [reader, writer] = yield* openConnection("sim", 7, { network });
    writer.write("one\ntwo\n");
    writer.writeEof();
    const all = yield* reader.read(); // until end of file: the server closes after echoing
    writer.close();
    server.close();
    yield* server.waitClosed();
    return dec.decode(all);
  })());
  assert.equal(text, "one\ntwo\n");
  loop.close();
});

Deno.test("a server closed while clients are connected: abortClients resets them", async () => {
  const loop = new EventLoop({ clock: "virtual" });
  const network = new SimNetwork({ latency: 0.1 });
  await loop.runUntilComplete((function* () {
    const server = yield* startServer(echo, "sim", 7, { network });
    const conns = [];
    for (let i = 0; i < 3; i++) conns.push(yield* openConnection("sim", 7, { network }));
    yield* sleepFor(loop, 1); // the server has accepted all three
    assert.equal(server.connectionCount, 3);
    server.close();
    server.abortClients();
    yield* server.waitClosed();
    for (const [reader, writer] of conns) {
      yield* assertRaises(reader.read(10), ConnectionResetError);
      writer.close();
    }
    // New connections are refused.
    yield* assertRaises(openConnection("sim", 7, { network }), ConnectionRefusedError);
  })());
  loop.close();
});

Deno.test("recv(n) takes up to n of the bytes buffered, across several arrivals", async () => {
  const loop = new EventLoop({ clock: "virtual" });
  const network = new SimNetwork({ latency: 0.1 });
  await loop.runUntilComplete((function* () {
    const listener = network.listen(6);
    const client = yield* loop.sockConnect("sim", 6, { network });
    const [conn] = yield* loop.sockAccept(listener);
    for (const part of ["abc", "defg", "hi"]) client.send(enc.encode(part)); // three segments
    yield* sleepFor(loop, 1);
    assert.equal(conn.recvBuffered, 9);
    assert.equal(dec.decode(conn.recv(1024)), "abcdefghi"); // all of them, in one recv
    for (const part of ["12", "345", "6789"]) client.send(enc.encode(part));
    yield* sleepFor(loop, 1);
    assert.equal(dec.decode(conn.recv(4)), "1234"); // exactly n, across two segments
    assert.equal(dec.decode(conn.recv(1)), "5");
    assert.equal(dec.decode(conn.recv(100)), "6789");
    assert.equal(conn.recvBuffered, 0);
    client.close();
    conn.close();
    listener.close();
  })());
  loop.close();
});

Deno.test("after shutdownWrite, send and sockSendall raise BrokenPipeError at once, even a waiting one", async () => {
  const loop = new EventLoop({ clock: "virtual" });
  const network = new SimNetwork({ latency: 0.1, bufferSize: 1024 });
  await loop.runUntilComplete((function* () {
    const listener = network.listen(6);
    const client = yield* loop.sockConnect("sim", 6, { network });
    const [conn] = yield* loop.sockAccept(listener);
    client.shutdownWrite();
    assert.ok(client.writable, "writable: a send would not block, it fails");
    const t0 = loop.time();
    yield* waitReady(loop, client, EVENT_WRITE); // readiness does not hang
    assert.throws(() => client.send(enc.encode("x")), BrokenPipeError);
    yield* assertRaises(loop.sockSendall(client, enc.encode("late")), BrokenPipeError);
    assert.equal(loop.time(), t0, "failed at once");
    assert.equal((yield* loop.sockRecv(conn, 10)).length, 0); // the peer saw the FIN
    // A sender already waiting for room (the peer never reads) fails once the write side shuts.
    const sender = loop.createTask(loop.sockSendall(conn, new Uint8Array(10_000)));
    yield* sleepFor(loop, 1);
    assert.ok(!sender.done() && !conn.writable, "the sender waits for room");
    conn.shutdownWrite();
    yield* assertRaises(
      (function* () {
        yield* sender;
      })(),
      BrokenPipeError,
    );
    client.close();
    conn.close();
    listener.close();
  })());
  loop.close();
});

function* sleepFor(loop: EventLoop, seconds: number): Coroutine<void> {
  const f = loop.createFuture<void>();
  loop.callLater(seconds, () => f.setResult());
  yield* f;
}
