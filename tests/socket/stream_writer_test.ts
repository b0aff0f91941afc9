import assert from "node:assert/strict";
import {
  ConnectionResetError,
  type Coroutine,
  EventLoop,
  type SimSocket,
  sleep,
  SocketClosedError,
  StreamReader,
  StreamWriter,
  type StreamWriterOptions,
} from "@course/lib";
import { assertRaises } from "../loop/_helpers.ts";
import { type SimPair, simPair } from "./_sim_pair.ts";

const dec = new TextDecoder();

/** Runs `body` with a writer on the client end of a simulated connection (0.1 s latency). */
function withWriter(
  body: (writer: StreamWriter, pair: SimPair, loop: EventLoop) => Coroutine<void>,
  options: StreamWriterOptions & { bufferSize?: number } = {},
): Promise<void> {
  const loop = new EventLoop({ clock: "virtual" });
  return loop.runUntilComplete((function* () {
    const pair = yield* simPair(loop, { latency: 0.1, bufferSize: options.bufferSize });
    try {
      yield* body(new StreamWriter(pair.client, { ...options, loop }), pair, loop);
    } finally {
      pair.client.close();
      pair.server.close();
    }
  })()).finally(() => loop.close());
}

/** Reads everything from `sock` until the end of the stream. */
function* readAll(loop: EventLoop, sock: SimSocket): Coroutine<string> {
  let text = "";
  for (let data = yield* loop.sockRecv(sock, 4096); data.length > 0;) {
    text += dec.decode(data);
    data = yield* loop.sockRecv(sock, 4096);
  }
  return text;
}

Deno.test("StreamWriter: lowWater above highWater is refused", () => {
  const loop = new EventLoop({ clock: "virtual" });
  const sock = {} as SimSocket;
  assert.throws(() => new StreamWriter(sock, { loop, highWater: 10, lowWater: 20 }), RangeError);
  assert.deepEqual(new StreamWriter(sock, { loop, highWater: 100 }).waterMarks, {
    high: 100,
    low: 25,
  });
  loop.close();
});

Deno.test("StreamWriter: write never waits, drain returns at once below the high water mark, writeLines keeps order", async () => {
  await withWriter(function* (writer, { server }, loop) {
    const start = loop.time();
    writer.write("one ");
    writer.writeLines(["two ", new TextEncoder().encode("three")]);
    yield* writer.drain();
    assert.equal(loop.time(), start, "nothing to wait for");
    writer.close();
    assert.equal(yield* readAll(loop, server), "one two three");
  });
});

Deno.test("StreamWriter.drain waits while the peer does not read, until the buffer falls to the low water mark", async () => {
  await withWriter(function* (writer, { server }, loop) {
    const readAt = loop.time() + 5;
    writer.write("x".repeat(2000));
    assert.ok(writer.bufferSize > 300, `buffered ${writer.bufferSize}`);
    const reader = loop.createTask((function* () {
      yield* sleep(5); // a peer that does not read for 5 s
      return yield* readAll(loop, server);
    })());
    yield* writer.drain();
    assert.ok(loop.time() > readAt, "drain ended only after the peer started reading");
    assert.ok(writer.bufferSize <= 50, `buffered ${writer.bufferSize} after drain`);
    writer.close();
    assert.equal(yield* reader, "x".repeat(2000), "every byte once, in order");
  }, { highWater: 300, lowWater: 50, bufferSize: 100 });
});

Deno.test("StreamWriter.writeEof: the peer reads to its end while this side can still read", async () => {
  await withWriter(function* (writer, { client, server }, loop) {
    writer.write("request");
    assert.ok(writer.canWriteEof());
    writer.writeEof();
    assert.throws(() => writer.write("more"), SocketClosedError);
    assert.equal(yield* readAll(loop, server), "request");
    yield* loop.sockSendall(server, new TextEncoder().encode("reply"));
    server.close();
    const reader = new StreamReader(client, { loop });
    assert.equal(dec.decode(yield* reader.read()), "reply");
  });
});

Deno.test("StreamWriter: after close, writes are refused; close then waitClosed delivers what was buffered", async () => {
  await withWriter(function* (writer, { server }, loop) {
    writer.write("y".repeat(500));
    writer.close();
    assert.ok(writer.isClosing());
    assert.throws(() => writer.write("late"), SocketClosedError);
    const received = loop.createTask(readAll(loop, server));
    yield* writer.waitClosed();
    assert.equal((yield* received).length, 500);
  }, { bufferSize: 100 });
});

Deno.test("StreamWriter: abort drops buffered bytes and fails a waiting drain", async () => {
  await withWriter(function* (writer, _pair, loop) {
    writer.write("z".repeat(1000));
    const drain = loop.createTask(writer.drain());
    loop.callLater(1, () => writer.abort());
    yield* assertRaises(
      (function* () {
        yield* drain;
      })(),
      SocketClosedError,
    );
    assert.equal(writer.bufferSize, 0);
  }, { highWater: 200, bufferSize: 100 });
});

Deno.test("StreamWriter.drain reports a reset connection", async () => {
  await withWriter(function* (writer, { network, server }) {
    writer.write("w".repeat(1000));
    network.reset(server);
    yield* assertRaises(writer.drain(), ConnectionResetError);
  }, { highWater: 200, bufferSize: 100 });
});
