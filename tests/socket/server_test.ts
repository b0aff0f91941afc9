import assert from "node:assert/strict";
import {
  CancelledError,
  ConnectionRefusedError,
  ConnectionResetError,
  type Coroutine,
  EventLoop,
  openConnection,
  SimNetwork,
  sleep,
  startServer,
  type StreamReader,
  type StreamWriter,
} from "@course/lib";
import { assertRaises, recordingLoop } from "../loop/_helpers.ts";

const dec = new TextDecoder();

function* echoLines(reader: StreamReader, writer: StreamWriter): Coroutine<void> {
  for (let line = yield* reader.readline(); line.length > 0; line = yield* reader.readline()) {
    writer.write(line);
    yield* writer.drain();
  }
}

Deno.test("startServer: a handler that throws is reported and its connection aborted; one that returns is closed", async () => {
  const { loop, errors } = recordingLoop();
  const network = new SimNetwork({ latency: 0.1 });
  const boom = new Error("boom");
  await loop.runUntilComplete((function* () {
    // A generator handler (it becomes the task itself) and a plain function (wrapped in one).
    const failing = yield* startServer(
      function* (reader: StreamReader) {
        yield* reader.readline();
        throw boom;
      },
      "sim",
      1,
      { network },
    );
    const plain = yield* startServer(
      (_r: StreamReader, w: StreamWriter) => {
        w.write("bye\n");
      },
      "sim",
      2,
      { network },
    );
    let [reader, writer] = yield* openConnection("sim", 1, { network });
    writer.write("hi\n");
    yield* assertRaises(reader.read(10), ConnectionResetError);
    writer.close();
    [reader, writer] = yield* openConnection("sim", 2, { network });
    assert.equal(dec.decode(yield* reader.read()), "bye\n"); // then end of file
    writer.close();
    for (const server of [failing, plain]) {
      server.close();
      yield* server.waitClosed(); // every connection forgotten
      assert.equal(server.connectionCount, 0);
    }
  })());
  assert.deepEqual(
    errors.map((e) => [e.message, e.exception]),
    [["unhandled error in a client connection handler", boom]],
  );
  loop.close();
});

Deno.test("startServer: a plain function that returns a coroutine is run as that coroutine", async () => {
  const { loop, errors } = recordingLoop();
  const network = new SimNetwork({ latency: 0.1 });
  const reply = await loop.runUntilComplete((function* () {
    const server = yield* startServer((r, w) => echoLines(r, w), "sim", 7, { network });
    const [reader, writer] = yield* openConnection("sim", 7, { network });
    writer.write("hello\n");
    const line = dec.decode(yield* reader.readline());
    writer.close();
    server.close();
    yield* server.waitClosed();
    return line;
  })());
  assert.equal(reply, "hello\n");
  assert.deepEqual(errors, []);
  loop.close();
});

Deno.test("Server.close stops accepting; accepted connections go on, and waitClosed waits for them", async () => {
  const { loop, errors } = recordingLoop();
  const network = new SimNetwork({ latency: 0.1 });
  await loop.runUntilComplete((function* () {
    const server = yield* startServer(echoLines, "sim", 7, { network });
    assert.ok(server.isServing());
    const [reader, writer] = yield* openConnection("sim", 7, { network });
    yield* sleep(0.2); // the server has accepted it
    assert.equal(server.connectionCount, 1);
    server.close();
    assert.ok(!server.isServing());
    yield* assertRaises(openConnection("sim", 7, { network }), ConnectionRefusedError);
    writer.write("still here\n");
    assert.equal(dec.decode(yield* reader.readline()), "still here\n");
    const closedAt = loop.createTask(server.waitClosed());
    yield* sleep(5);
    assert.ok(!closedAt.done(), "a connection is still open");
    writer.close(); // the handler reads its end of file and returns
    yield* closedAt;
    assert.equal(server.connectionCount, 0);
  })());
  assert.deepEqual(errors, []);
  loop.close();
});

Deno.test("Server.closeClients closes gracefully; abortClients cancels the handlers, unreported", async () => {
  const { loop, errors } = recordingLoop();
  const network = new SimNetwork({ latency: 0.1 });
  await loop.runUntilComplete((function* () {
    const server = yield* startServer(
      function* (_r: StreamReader, w: StreamWriter) {
        w.write("welcome\n");
        yield* sleep(3600); // a handler that would hold its connection for an hour
      },
      "sim",
      7,
      { network },
    );
    let [reader, writer] = yield* openConnection("sim", 7, { network });
    assert.equal(dec.decode(yield* reader.readline()), "welcome\n");
    server.closeClients();
    assert.equal((yield* reader.read()).length, 0, "end of file, nothing lost before it");
    writer.close();
    [reader, writer] = yield* openConnection("sim", 7, { network });
    assert.equal(dec.decode(yield* reader.readline()), "welcome\n");
    server.abortClients();
    yield* assertRaises(reader.read(), ConnectionResetError);
    writer.close();
    server.close();
    yield* server.waitClosed();
  })());
  assert.deepEqual(errors, [], "a cancelled handler is not an error");
  assert.ok(loop.time() < 3600);
  loop.close();
});

Deno.test("Server.serveForever: cancelling it closes the server", async () => {
  const loop = new EventLoop({ clock: "virtual" });
  const network = new SimNetwork({ latency: 0.1 });
  await loop.runUntilComplete((function* () {
    const server = yield* startServer(echoLines, "sim", 7, { network });
    const serving = loop.createTask(server.serveForever());
    loop.callLater(1, () => serving.cancel());
    yield* assertRaises(
      (function* () {
        yield* serving;
      })(),
      CancelledError,
    );
    assert.ok(!server.isServing());
    yield* server.waitClosed();
  })());
  loop.close();
});
