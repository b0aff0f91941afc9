import type { TaskContext } from "@course/lib";

// Short turns, but a switch after every item: too many turns.
function* hog(ctx: TaskContext, costs: number[]) {
  for (const cost of costs) {
    ctx.work(cost);
    yield;
  }
}
