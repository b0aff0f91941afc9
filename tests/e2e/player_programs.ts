/**
 * The runs the player's browser test plays, in a module that both the test
 * notebook (by file URL) and the test itself import, so the test knows the
 * trace the page shows without trusting the page.
 *
 * @module
 */
import { type Coroutine, EventLoop, sleep } from "@course/lib";

/** The capstone's dinner on the course's loop (notebook 09): soup and toast as two tasks. */
export async function dinnerLoop(): Promise<EventLoop> {
  const loop = new EventLoop({ clock: "virtual", trace: true });
  function* cook(dish: string, waits: number[]): Coroutine<string> {
    for (const seconds of waits) yield* sleep(seconds);
    return `${dish} ready at t=${loop.time()}`;
  }
  function* dinner(): Coroutine<string[]> {
    const soup = loop.createTask(cook("soup", [2, 3]), { name: "soup" });
    const toast = loop.createTask(cook("toast", [1, 1, 1]), { name: "toast" });
    return [yield* soup, yield* toast];
  }
  await loop.runUntilComplete(loop.createTask(dinner(), { name: "dinner" }));
  return loop;
}

/** A short run for the second player on the page. */
export async function napLoop(): Promise<EventLoop> {
  const loop = new EventLoop({ clock: "virtual", trace: true });
  await loop.runUntilComplete(loop.createTask(sleep(1), { name: "napper" }));
  return loop;
}

/** A busy run of at least `steps` trace events: twenty tasks napping at different paces. */
export async function busyLoop(steps: number): Promise<EventLoop> {
  const loop = new EventLoop({ clock: "virtual", trace: true });
  function* napper(pace: number, naps: number): Coroutine<void> {
    for (let i = 0; i < naps; i++) yield* sleep(pace);
  }
  const naps = Math.ceil(steps / 5 / 20) + 1; // a nap takes 6 to 9 events
  const tasks = Array.from(
    { length: 20 },
    (_, i) => loop.createTask(napper(0.1 * (i + 1), naps), { name: `napper-${i + 1}` }),
  );
  await loop.runUntilComplete(loop.createTask((function* () {
    for (const task of tasks) yield* task;
  })()));
  return loop;
}
