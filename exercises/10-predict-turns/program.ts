/**
 * The program of `10-predict-turns`, as the notebook shows it, run on the
 * course's EventLoop one `runOnce()` at a time so that the expected turns are
 * measured, not typed by hand.
 *
 * @module
 */
import { EventLoop } from "@course/lib";

/**
 * Runs the program turn by turn.
 *
 * @returns The turn in which each callback ran, by letter.
 */
export function measureTurns(): Record<string, number> {
  const loop = new EventLoop({ clock: "virtual" });
  const turns: Record<string, number> = {};
  let turn = 0;
  const mark = (name: string, then?: () => void) => () => {
    turns[name] = turn;
    then?.();
  };
  // The program, exactly as in the notebook:
  loop.callSoon(mark("A"));
  loop.callLater(1, mark("B"));
  loop.callSoon(mark("C", () => {
    loop.callSoon(mark("D"));
    loop.callLater(0, mark("E"));
  }));
  loop.callLater(1, mark("F", () => loop.callSoon(mark("G"))));
  for (turn = 1; turn < 100; turn++) if (loop.runOnce() === Infinity) break;
  loop.close();
  return turns;
}
