import type { TaskContext } from "@course/lib";

// 100 units of work, giving way every 10 units.
function* hog(ctx: TaskContext) {
  for (let i = 1; i <= 100; i++) {
    ctx.work(1);
    if (i % 10 === 0) yield; // let the others run
  }
}
