/**
 * The program whose output the learner predicts; the notebook shows the same
 * lines. The checks run it to learn the true order, so the expected answer is
 * never typed by hand.
 *
 * @module
 */

/**
 * Runs the program, sending each log line to `log` instead of the console.
 *
 * @param log Receives each line's letter as it would be printed.
 * @returns Resolves once the timer has fired and every line is logged.
 */
export function runProgram(log: (letter: string) => void): Promise<void> {
  return new Promise((done) => {
    log("A"); // console.log("A: start");
    setTimeout(() => {
      log("B"); // console.log("B: timeout");
      done();
    }, 0);
    Promise.resolve().then(() => log("C")); // console.log("C: then");
    queueMicrotask(() => log("D")); // console.log("D: microtask");
    log("E"); // console.log("E: end");
  });
}
