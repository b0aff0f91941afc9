/**
 * Checks for `10-mini-io`, capstone stage 4: readiness on the learner's own
 * loop. Echo clients and a callback echo server run on it over in-memory
 * connections with 0.1 s of latency (pipes.ts); the learner's `addReader`,
 * `removeReader` and `runIoOnce` decide when each callback runs.
 *
 * @module
 */
import { defineChecks, expectClose, expectFunction, fail } from "@course/lib";
import { type EchoSession, type IoFunctions, runEchoSession } from "./echo_session.ts";
import { reference } from "./reference.ts";

type Bindings = { addReader: unknown; removeReader: unknown; runIoOnce: unknown };

function session(b: Bindings, count: number): EchoSession {
  for (const name of ["addReader", "removeReader", "runIoOnce"] as const) {
    expectFunction(b[name], name);
  }
  return runEchoSession(b as unknown as IoFunctions, count);
}

function expectServed(s: EchoSession, count: number): void {
  const lost = s.clients.filter((c) => !c.intact).length;
  if (lost > 0) {
    fail(
      `${lost} of ${count} client(s) did not get all three echoes back` +
        (s.ended ? "" : ` (the loop was still going after ${s.turns} turns)`),
    );
  }
}

export default defineChecks<Bindings>([
  {
    name: "one client gets its three lines echoed",
    run: (b) => expectServed(session(b, 1), 1),
  },
  {
    name: "ten clients at once are served concurrently",
    run: (b) => {
      const mine = session(b, 10);
      expectServed(mine, 10);
      const last = (s: EchoSession) => Math.max(...s.clients.map((c) => c.doneAt));
      expectClose(
        last(mine),
        last(runEchoSession(reference, 10)),
        "the virtual time the last client finished",
        {
          tolerance: 1e-9,
        },
      );
    },
  },
  {
    name: "a callback runs only when its socket is readable",
    run: (b) => {
      const s = session(b, 3);
      if (s.emptyReads > 0) {
        fail(
          `the server's callbacks found nothing to read ${s.emptyReads} time(s): ` +
            "queue a reader's callback only when its socket is readable",
        );
      }
    },
  },
  {
    name: "the loop ends once every connection is closed and its reader removed",
    run: (b) => {
      const s = session(b, 3);
      if (!s.ended) {
        fail(
          `runIoOnce still had work after ${s.turns} turns: a closed socket stays readable, ` +
            "so does removeReader take it out of the loop's readers?",
        );
      }
    },
  },
  {
    name: "a hundred clients: same result as the reference loop",
    hidden: true,
    run: (b) => {
      const mine = session(b, 100);
      expectServed(mine, 100);
      if (!mine.ended) fail("the loop never ended with a hundred clients");
    },
  },
]);
