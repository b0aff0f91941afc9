import assert from "node:assert/strict";
import {
  type Coroutine,
  EventLoop,
  IncompleteReadError,
  LimitOverrunError,
  RuntimeError,
  StreamReader,
} from "@course/lib";
import { assertRaises } from "../loop/_helpers.ts";
import { sameTime, simPair } from "./_sim_pair.ts";

const enc = new TextEncoder();
const dec = new TextDecoder();

/**
 * Runs `body` with a reader on one end of a simulated connection; `send(at, text)` makes the
 * other end send `text` at loop time `at` (it arrives 0.1 s later), `send(at, null)` closes it.
 */
function withReader(
  body: (
    reader: StreamReader,
    send: (at: number, text: string | null) => void,
    loop: EventLoop,
  ) => Coroutine<void>,
  limit?: number,
): Promise<void> {
  const loop = new EventLoop({ clock: "virtual" });
  return loop.runUntilComplete((function* () {
    const { client, server } = yield* simPair(loop, { latency: 0.1 });
    const start = loop.time();
    const send = (at: number, text: string | null) =>
      loop.callAt(start + at, () => text === null ? client.close() : client.send(enc.encode(text)));
    try {
      yield* body(new StreamReader(server, { loop, limit }), send, loop);
    } finally {
      client.close();
      server.close();
    }
  })()).finally(() => loop.close());
}

Deno.test("StreamReader.read(n) returns what has arrived, at most n bytes, without waiting for more", async () => {
  await withReader(function* (reader, send) {
    send(0, "abcdef");
    send(1, "gh");
    assert.equal(dec.decode(yield* reader.read(4)), "abcd");
    assert.equal(reader.buffered, 2);
    assert.equal(dec.decode(yield* reader.read(100)), "ef", "what is buffered, not 100 bytes");
    assert.equal(dec.decode(yield* reader.read(100)), "gh");
    assert.equal((yield* reader.read(0)).length, 0);
  });
});

Deno.test("StreamReader.read() with no size reads until the end of the stream", async () => {
  await withReader(function* (reader, send, loop) {
    send(0, "one ");
    send(1, "two ");
    send(2, "three");
    send(3, null);
    const start = loop.time();
    assert.equal(dec.decode(yield* reader.read()), "one two three");
    assert.ok(sameTime(loop.time() - start, 3.1), "it waited for the end of file");
    assert.ok(reader.atEof());
    assert.equal((yield* reader.read(10)).length, 0, "at the end, reads return nothing");
  });
});

Deno.test("StreamReader.readExactly waits across arrivals; at the end it raises IncompleteReadError with the partial bytes", async () => {
  await withReader(function* (reader, send) {
    send(0, "12");
    send(1, "345");
    send(2, "67");
    send(3, null);
    assert.equal(dec.decode(yield* reader.readExactly(4)), "1234");
    try {
      yield* reader.readExactly(10);
      assert.fail("the stream ended first");
    } catch (error) {
      assert.ok(error instanceof IncompleteReadError);
      assert.equal(dec.decode(error.partial), "567");
      assert.equal(error.expected, 10);
    }
  });
});

Deno.test("StreamReader.readUntil finds a separator split across two arrivals", async () => {
  await withReader(function* (reader, send) {
    send(0, "first\r");
    send(1, "\nsecond\r\n");
    assert.equal(dec.decode(yield* reader.readUntil("\r\n")), "first\r\n");
    assert.equal(dec.decode(yield* reader.readUntil(enc.encode("\r\n"))), "second\r\n");
    assert.throws(() => reader.readUntil("").next(), RangeError);
  });
});

Deno.test("StreamReader.readline: lines in order, then what is left without a newline, then empty", async () => {
  await withReader(function* (reader, send) {
    send(0, "a\nb\nno newline");
    send(1, null);
    assert.equal(dec.decode(yield* reader.readline()), "a\n");
    assert.equal(dec.decode(yield* reader.readline()), "b\n");
    assert.equal(dec.decode(yield* reader.readline()), "no newline");
    assert.equal((yield* reader.readline()).length, 0);
  });
});

Deno.test("StreamReader: a line longer than limit raises LimitOverrunError and stays buffered", async () => {
  await withReader(function* (reader, send) {
    send(0, "0123456789");
    send(1, "ab\nshort\n");
    try {
      yield* reader.readline();
      assert.fail("no separator within 8 bytes");
    } catch (error) {
      assert.ok(error instanceof LimitOverrunError);
      assert.equal(error.consumed, 10);
    }
    assert.equal(reader.buffered, 10, "nothing was lost");
    assert.equal(dec.decode(yield* reader.readExactly(10)), "0123456789");
    assert.equal(dec.decode(yield* reader.readline()), "ab\n");
    assert.equal(dec.decode(yield* reader.readline()), "short\n");
  }, 8);
});

Deno.test("StreamReader: a second task reading while one waits is refused, as asyncio's streams do", async () => {
  await withReader(function* (reader, send, loop) {
    const first = loop.createTask(reader.read(10));
    yield* loop.createTask((function* () {})()); // let the first task start waiting
    yield* assertRaises(reader.read(10), RuntimeError);
    send(0, "data");
    assert.equal(dec.decode(yield* first), "data");
  });
});
