/**
 * Run by unretrieved_test.ts with `--v8-flags=--expose-gc`: a task that fails
 * and that nobody keeps is collected, and reported before the loop closes.
 * Prints one JSON line.
 *
 * @module
 */
import { EventLoop, sleep } from "@course/lib";

const gc = (globalThis as unknown as { gc: () => void }).gc;
const loop = new EventLoop({ clock: "virtual" });
const reports: { message: string; error: string; at: string }[] = [];
loop.setExceptionHandler((_loop, context) =>
  reports.push({ message: context.message, error: String(context.exception), at: "running" })
);
function* failing() {
  yield* sleep(1);
  throw new RangeError("nobody looks at me");
}
let dropped!: WeakRef<object>;
await loop.runUntilComplete((function* () {
  dropped = new WeakRef(loop.createTask(failing(), { name: "fire-and-forget" }));
  yield* sleep(2);
})());
for (let i = 0; i < 5 && reports.length === 0; i++) {
  gc();
  await new Promise((resolve) => setTimeout(resolve, 10)); // finalizers run between macrotasks
  await loop.runUntilComplete(sleep(1));
}
const collected = dropped.deref() === undefined;
loop.close();
console.log(JSON.stringify({ collected, reports }));
