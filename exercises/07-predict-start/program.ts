/**
 * The program whose output the learner predicts; the notebook shows the same
 * lines. The checks run it to learn the true order.
 *
 * @module
 */

/**
 * Runs the program, sending each log line's letter to `log`.
 *
 * @param log Receives each line's letter as it would be printed.
 * @returns Resolves when the program has finished.
 */
export async function runProgram(log: (letter: string) => void): Promise<void> {
  function* generator() {
    log("A"); // "A: generator body starts"
    yield;
    log("B"); // "B: generator resumed"
  }
  async function asyncFunction() {
    log("C"); // "C: async body starts"
    await null;
    log("D"); // "D: after the await"
  }
  const g = generator();
  const p = asyncFunction();
  log("E"); // "E: both functions called"
  g.next();
  await p;
  log("F"); // "F: end"
}
