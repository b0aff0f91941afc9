/**
 * Checks for `10-run-once`: the learner's turn runs programs of callbacks and
 * timers; the log (turn, callback, time) must equal the reference loop's.
 *
 * @module
 */
import { defineChecks, expectEqual, expectFunction, fail } from "@course/lib";
import { type CallbackLoop, PROGRAMS, referenceRunOnce, runProgram } from "./reference.ts";

type Bindings = { runCallbacksOnce: (loop: CallbackLoop) => unknown };

function same({ runCallbacksOnce }: Bindings, program: string): void {
  expectFunction(runCallbacksOnce, "runCallbacksOnce");
  const mine = runProgram(runCallbacksOnce, PROGRAMS[program]);
  const want = runProgram(referenceRunOnce, PROGRAMS[program]);
  if (mine.endless) {
    fail(
      `runCallbacksOnce still returned true after 100 turns of "${program}": return false when nothing is left`,
    );
  }
  expectEqual(mine.log, want.log, `the log (turn:callback@time) of "${program}"`);
}

export default defineChecks<Bindings>([
  {
    name: "ready callbacks run in order, all in the first turn",
    run: (b) => same(b, "three ready callbacks"),
  },
  {
    name: "a callback added during a turn waits for the next turn",
    misconception: "a callback scheduled during a turn of the loop runs in that same turn",
    run: (b) => same(b, "a callback that schedules another"),
  },
  {
    name: "with nothing ready the clock jumps to the first timer; timers run in deadline order",
    misconception:
      "timers run in the order they were scheduled, not by deadline, or the loop waits in real time for them",
    run: (b) => same(b, "timers out of order, two due at once"),
  },
  {
    name: "due timers join the end of the ready queue, in the same turn",
    misconception:
      "timers run in the order they were scheduled, not by deadline, or the loop waits in real time for them",
    hidden: true,
    run: (b) => same(b, "callbacks and timers mixed"),
  },
]);
