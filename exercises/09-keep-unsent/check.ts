/**
 * Checks for `09-keep-unsent`, the first step towards the selector echo
 * server: `sendOrQueue` sends what the socket takes and keeps the rest, in
 * order. A fake socket with chosen capacities makes every case exact.
 *
 * @module
 */
import { defineChecks, expectEqual, expectFunction, fail, show } from "@course/lib";
import { bytes, fakeSocket } from "./fake_socket.ts";

type SendOrQueue = (sock: unknown, waiting: Uint8Array, data: Uint8Array) => unknown;
type Bindings = { sendOrQueue: unknown };

/** Feeds chunks through sendOrQueue; returns the bytes taken plus those still waiting. */
function feed(sendOrQueue: unknown, capacities: number[], chunks: Uint8Array[]) {
  expectFunction(sendOrQueue, "sendOrQueue");
  const sock = fakeSocket(capacities);
  let waiting: Uint8Array = new Uint8Array(0);
  for (const chunk of chunks) {
    const result = (sendOrQueue as SendOrQueue)(sock, waiting, chunk);
    if (!(result instanceof Uint8Array)) {
      fail(
        `sendOrQueue returned ${show(result)}; it returns the bytes still waiting (a Uint8Array)`,
      );
    }
    waiting = result;
  }
  const sent = sock.taken();
  const all = new Uint8Array([...sent, ...waiting]);
  const want = new Uint8Array(chunks.flatMap((c) => [...c]));
  return { sent, waiting, all, want, calls: sock.calls };
}

function expectNothingLost(r: ReturnType<typeof feed>, what: string): void {
  if (r.all.length !== r.want.length) {
    fail(
      `${what}: ${r.want.length} bytes came in, but ${r.sent.length} were sent and ` +
        `${r.waiting.length} are waiting: ${
          r.all.length < r.want.length ? "bytes were lost" : "bytes were sent twice"
        }`,
    );
  }
  expectEqual([...r.all], [...r.want], `${what}: the bytes sent, then those waiting`);
}

export default defineChecks<Bindings>([
  {
    name: "a socket that takes everything: all sent, nothing waits",
    run: ({ sendOrQueue }) => {
      const r = feed(sendOrQueue, [1000], [bytes(0, 20)]);
      expectNothingLost(r, "capacity 1000, 20 bytes");
      expectEqual(r.waiting.length, 0, "the bytes still waiting");
    },
  },
  {
    name: "a socket that takes 5 of 20 bytes: the other 15 wait, in order",
    misconception:
      "send() on a non-blocking socket takes the whole buffer, or loses what it did not take",
    run: ({ sendOrQueue }) => {
      const r = feed(sendOrQueue, [5], [bytes(0, 20)]);
      expectNothingLost(r, "capacity 5, 20 bytes");
    },
  },
  {
    name: "a full socket (BlockingIOError): everything waits, nothing is lost",
    misconception:
      "send() on a non-blocking socket takes the whole buffer, or loses what it did not take",
    run: ({ sendOrQueue }) =>
      expectNothingLost(feed(sendOrQueue, [0], [bytes(0, 20)]), "capacity 0"),
  },
  {
    name: "new data queues behind the bytes already waiting",
    misconception:
      "send() on a non-blocking socket takes the whole buffer, or loses what it did not take",
    run: ({ sendOrQueue }) =>
      expectNothingLost(
        feed(sendOrQueue, [3, 0, 4, 2], [bytes(0, 10), bytes(10, 10), bytes(20, 10), bytes(30, 5)]),
        "four chunks, capacities 3, 0, 4, 2",
      ),
  },
  {
    name: "many chunks and capacities",
    hidden: true,
    run: ({ sendOrQueue }) => {
      const chunks = Array.from({ length: 30 }, (_, i) => bytes(i * 7, (i * 13) % 17));
      expectNothingLost(feed(sendOrQueue, [0, 9, 1, 0, 40, 3], chunks), "30 chunks");
    },
  },
]);
