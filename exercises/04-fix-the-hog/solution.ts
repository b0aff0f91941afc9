import type { TaskContext } from "@course/lib";

// Works through the items in order; gives way before an item that would not fit in this turn.
function* hog(ctx: TaskContext, costs: number[]) {
  let used = 0; // units of work done in the current turn
  for (const cost of costs) {
    if (used + cost > 10) {
      yield;
      used = 0;
    }
    ctx.work(cost);
    used += cost;
  }
}
