/**
 * An echo session for `10-mini-io` over real TCP on the loopback. The server
 * is written with callbacks on the learner's stage-3 loop: a reader on the
 * listening socket accepts, a reader per connection reads, and each answer
 * goes back after a 20 ms lookup (a timer on the same loop). The clients are
 * plain Deno code (`Deno.connect`), independent of the learner's loop: each
 * sends three lines, each after the previous echo, then closes.
 *
 * Every socket, timer and pending wait is closed before the session returns,
 * whatever the learner's loop did.
 *
 * @module
 */
import {
  BlockingIOError,
  driveIoLoop,
  type IoFunctions,
  listenTcp,
  newIoLoop,
  settleWithin,
  type StreamSocket,
} from "@course/lib";
import { setTimer } from "./session_tools.ts";

/** What a session showed. */
export interface EchoSession {
  /** Per client: its lines came back intact. */
  clients: { intact: boolean }[];
  /** True when the learner's runIoOnce returned false once the clients were done. */
  ended: boolean;
  /** What the learner's runIoOnce threw, or null. */
  error: unknown;
  /** Reader callbacks that found nothing to read (run before their socket was ready). */
  emptyReads: number;
  /** Reader callbacks run for a connection the server had closed (its reader left registered). */
  readsAfterClose: number;
  /** Lookup timers that ran more than 1 ms before they were due. */
  earlyTimers: number;
  /** Lookup timers set but never run. */
  lostTimers: number;
  /** The most lookups waiting at the same moment (several clients in progress at once). */
  peakLookups: number;
}

const LOOKUP = 0.02; // seconds the server waits before each echo
const CLIENT_DEADLINE_MS = 3000; // a broken loop never answers: give up then
const END_GRACE_MS = 1500; // after the clients, the loop has this long to run out of work

/** One client: three lines, each sent after the previous echo came back whole. */
async function client(port: number, i: number, signal: AbortSignal): Promise<{ intact: boolean }> {
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  if (signal.aborted) { // given up while connecting
    conn.close();
    return { intact: false };
  }
  const abort = () => conn.close();
  signal.addEventListener("abort", abort, { once: true });
  const encoder = new TextEncoder(), decoder = new TextDecoder();
  let intact = true;
  try {
    for (let n = 1; n <= 3 && intact; n++) {
      const line = `client ${i} line ${n}\n`;
      await conn.write(encoder.encode(line)); // a short line goes out in one write
      let got = "";
      const buffer = new Uint8Array(256);
      while (got.length < line.length) {
        const count = await conn.read(buffer);
        if (count === null) break;
        got += decoder.decode(buffer.subarray(0, count));
      }
      intact = got === line;
    }
  } catch {
    intact = false; // aborted by the deadline, or reset
  } finally {
    signal.removeEventListener("abort", abort);
    if (!signal.aborted) conn.close();
  }
  return { intact };
}

/**
 * Runs `count` clients against the callback echo server on the learner's loop.
 *
 * @param io The learner's `addReader`, `removeReader`, `runIoOnce`.
 * @param count How many clients connect at once.
 * @returns What happened.
 */
export async function runEchoSession(io: IoFunctions, count: number): Promise<EchoSession> {
  const loop = newIoLoop();
  const listener = listenTcp(0);
  const accepted: StreamSocket[] = [];
  let emptyReads = 0,
    readsAfterClose = 0,
    earlyTimers = 0,
    set = 0,
    ran = 0,
    lookups = 0,
    peakLookups = 0;
  let stopped = false, lostTimers = 0;
  const early = () => earlyTimers++;
  // Callbacks do nothing once the session is over, whatever the loop does later.
  const guarded = (fn: () => void) => () => {
    if (!stopped) fn();
  };
  const take = <T>(read: () => T): T | null => {
    try {
      return read();
    } catch (error) {
      if (error instanceof BlockingIOError) emptyReads++;
      else if (!stopped) throw error;
      return null;
    }
  };
  const clientsDone = new AbortController();
  io.addReader(
    loop,
    listener,
    guarded(() => {
      if (listener.closed) {
        readsAfterClose++;
        return;
      }
      const pair = take(() => listener.accept());
      if (pair === null) return;
      const conn = pair[0];
      accepted.push(conn);
      if (accepted.length === count) { // everyone is in: stop listening
        io.removeReader(loop, listener);
        listener.close();
      }
      io.addReader(
        loop,
        conn,
        guarded(() => {
          if (conn.closed) {
            readsAfterClose++;
            return;
          }
          const data = take(() => conn.recv(65536));
          if (data === null) return;
          if (data.length === 0) { // the client closed: so does the server
            io.removeReader(loop, conn);
            conn.close();
            return;
          }
          set++;
          peakLookups = Math.max(peakLookups, ++lookups);
          setTimer(
            loop,
            LOOKUP,
            guarded(() => {
              ran++;
              lookups--;
              try {
                conn.send(data);
              } catch {
                // the client gave up and left: nobody to answer
              }
            }),
            early,
          );
        }),
      );
    }),
  );
  const driving = driveIoLoop(io, loop);
  let clients: { intact: boolean }[] = [];
  let outcome = null;
  try {
    const all = Promise.all(
      Array.from(
        { length: count },
        (_, i) => client(listener.localAddress.port, i, clientsDone.signal),
      ),
    );
    // The clients finish, or the loop gives up (then they never will), or the deadline passes.
    const first = await settleWithin(
      Promise.race([all, driving.done.then(() => "loop over" as const)]),
      CLIENT_DEADLINE_MS,
      "deadline" as const,
    );
    if (first === "loop over" || first === "deadline") clientsDone.abort();
    lostTimers = set - ran; // lookups still waiting when the clients were done or gave up
    clients = await all;
    outcome = await settleWithin(driving.done, END_GRACE_MS, null);
  } finally {
    stopped = true;
    driving.stop();
    await settleWithin(driving.done, 500, null); // a loop that awaits something else is left behind
    for (const conn of accepted) if (!conn.closed) conn.abort();
    if (!listener.closed) listener.close();
    loop.selector.close();
    await Promise.all([listener.waitClosed(), ...accepted.map((c) => c.waitClosed())]);
  }
  return {
    clients,
    ended: outcome?.ended ?? false,
    error: outcome?.error ?? null,
    emptyReads,
    readsAfterClose,
    earlyTimers,
    lostTimers,
    peakLookups,
  };
}
