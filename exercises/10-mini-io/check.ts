/**
 * Checks for `10-mini-io`, capstone stage 3: readiness on the learner's own
 * loop over real TCP. A callback echo server runs on the learner's loop, its
 * readers kept in the course's `Selector`; echo clients connect over the
 * loopback (ephemeral ports). Every check reads what the session recorded
 * (lost echoes, reads of empty sockets, timers run early or never), not how
 * fast it went.
 *
 * @module
 */
import { defineChecks, expectFunction, fail, type IoFunctions } from "@course/lib";
import { type EchoSession, runEchoSession } from "./echo_session.ts";
import { describe } from "./session_tools.ts";

type Bindings = { addReader: unknown; removeReader: unknown; runIoOnce: unknown };

const sessions = new Map<number, { of: unknown; session: Promise<EchoSession> }>();
/** One session per client count and learner's functions, shared by the checks. */
function session(b: Bindings, count: number): Promise<EchoSession> {
  for (const name of ["addReader", "removeReader", "runIoOnce"] as const) {
    expectFunction(b[name], name);
  }
  const cached = sessions.get(count);
  if (cached !== undefined && cached.of === b.runIoOnce) return cached.session;
  const fresh = runEchoSession(b as unknown as IoFunctions, count);
  sessions.set(count, { of: b.runIoOnce, session: fresh });
  return fresh;
}

function expectServed(s: EchoSession): void {
  if (s.error !== null) fail(`runIoOnce threw ${describe(s.error)}`);
  const lost = s.clients.filter((c) => !c.intact).length;
  if (lost === 0) return;
  const why = s.lostTimers > 0
    ? ": some of the server's timers never ran (while sockets are quiet, wait no longer than the first timer)"
    : s.ended
    ? ": runIoOnce returned false while clients were still connected (a loop with readers has work)"
    : "";
  fail(`${lost} of ${s.clients.length} client(s) did not get all three echoes back${why}`);
}

export default defineChecks<Bindings>([
  {
    name: "one client gets its three lines echoed",
    run: async (b) => expectServed(await session(b, 1)),
  },
  {
    name: "ten clients at once are served at the same time",
    misconception: "a server on one thread can only answer its clients one after another",
    run: async (b) => {
      const s = await session(b, 10);
      expectServed(s);
      if (s.peakLookups < 2) {
        fail("no two clients were ever in progress at the same moment: is one served at a time?");
      }
    },
  },
  {
    name: "a callback runs only when its socket is readable",
    run: async (b) => {
      const s = await session(b, 3);
      expectServed(s);
      if (s.emptyReads > 0) {
        fail(
          `the server's callbacks found nothing to read ${s.emptyReads} time(s): ` +
            "queue a reader's callback only when the selector reports its socket ready",
        );
      }
    },
  },
  {
    name: "a timer runs when it is due: the loop waits for it, not less",
    run: async (b) => {
      const s = await session(b, 3);
      if (s.earlyTimers > 0) {
        fail(
          `${s.earlyTimers} timer(s) ran before they were due: when nothing is ready, ` +
            "wait with the selector until the first timer instead of jumping the clock",
        );
      }
      expectServed(s);
    },
  },
  {
    name: "the loop ends once every connection is closed and its reader removed",
    run: async (b) => {
      const s = await session(b, 3);
      expectServed(s);
      if (!s.ended) {
        const after = s.readsAfterClose > 0
          ? ` (the callback of a closed connection ran ${s.readsAfterClose} more time(s))`
          : "";
        fail(
          `runIoOnce still had work after every client left${after}: a closed socket stays ` +
            "readable, so does removeReader take it out of the selector?",
        );
      }
    },
  },
  {
    name: "thirty clients: all served, and the loop ends",
    hidden: true,
    run: async (b) => {
      const s = await session(b, 30);
      expectServed(s);
      if (!s.ended) fail("the loop never ended with thirty clients");
    },
  },
]);
