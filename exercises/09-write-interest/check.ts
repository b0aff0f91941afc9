/**
 * Checks for `09-write-interest`, the second step towards the selector echo
 * server: when a socket is writable, `onWritable` sends what waits and stops
 * watching for EVENT_WRITE once nothing is left (or a selector would report
 * the socket writable again and again, a loop that never rests).
 *
 * @module
 */
import {
  defineChecks,
  EVENT_READ,
  EVENT_WRITE,
  expectEqual,
  expectFunction,
  fail,
} from "@course/lib";
import { bytes, fakeSocket } from "../09-keep-unsent/fake_socket.ts";

type Bindings = { onWritable: unknown };

/** Calls onWritable with a fake selector and socket; reports what it did. */
function call(onWritable: unknown, capacities: number[], waiting: Uint8Array, times = 1) {
  expectFunction(onWritable, "onWritable");
  const sock = fakeSocket(capacities);
  const key = { fileobj: sock, events: EVENT_READ | EVENT_WRITE, data: { unsent: waiting } };
  const modified: number[] = [];
  const selector = {
    modify(fileobj: unknown, events: number, data?: unknown) {
      if (fileobj !== sock) fail("onWritable modified another socket than the key's");
      modified.push(events);
      key.events = events;
      if (data !== undefined) key.data = data as typeof key.data;
      return key;
    },
    register: () => fail("the socket is registered already: use selector.modify"),
    unregister: () => fail("the client is still there: keep the socket registered"),
  };
  for (let i = 0; i < times; i++) (onWritable as (s: unknown, k: unknown) => void)(selector, key);
  return { key, sent: sock.taken(), modified };
}

export default defineChecks<Bindings>([
  {
    name: "everything fits: all of it is sent, and the socket is watched for EVENT_READ only",
    misconception:
      "a socket should stay registered for writing all the time, not only while bytes wait",
    run: ({ onWritable }) => {
      const { key, sent } = call(onWritable, [100], bytes(0, 10));
      expectEqual([...sent], [...bytes(0, 10)], "the bytes sent");
      expectEqual(key.data.unsent.length, 0, "the bytes still waiting");
      if (key.events !== EVENT_READ) {
        fail("nothing is left to send, but the socket is still watched for EVENT_WRITE");
      }
    },
  },
  {
    name: "part fits: the rest waits, in order, and EVENT_WRITE stays",
    misconception:
      "send() on a non-blocking socket takes the whole buffer, or loses what it did not take",
    run: ({ onWritable }) => {
      const { key, sent } = call(onWritable, [4], bytes(0, 10));
      expectEqual(
        [...sent, ...key.data.unsent],
        [...bytes(0, 10)],
        "the bytes sent, then those waiting",
      );
      if (!(key.events & EVENT_WRITE)) {
        fail("bytes are still waiting, but EVENT_WRITE was dropped: they would never be sent");
      }
      if (!(key.events & EVENT_READ)) {
        fail("EVENT_READ was dropped: the client's next bytes would never be read");
      }
    },
  },
  {
    name: "three writable events drain 10 bytes 4 at a time, then EVENT_READ alone",
    misconception:
      "send() on a non-blocking socket takes the whole buffer, or loses what it did not take",
    run: ({ onWritable }) => {
      const { key, sent, modified } = call(onWritable, [4], bytes(0, 10), 3);
      expectEqual([...sent], [...bytes(0, 10)], "the bytes sent");
      expectEqual(key.events, EVENT_READ, "the events watched at the end");
      if (modified.length === 0) fail("selector.modify was never called");
    },
  },
  {
    name: "a BlockingIOError loses nothing",
    misconception:
      "send() on a non-blocking socket takes the whole buffer, or loses what it did not take",
    hidden: true,
    run: ({ onWritable }) => {
      const { key, sent } = call(onWritable, [0], bytes(0, 10));
      expectEqual(
        [...sent, ...key.data.unsent],
        [...bytes(0, 10)],
        "the bytes sent, then those waiting",
      );
    },
  },
]);
