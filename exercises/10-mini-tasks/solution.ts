type Handler<K> = (loop: MiniLoop, task: MiniTask, trap: Extract<Trap, { trap: K }>) => void;
const traps: { [K in Trap["trap"]]: Handler<K> } = {
  sleep(loop, task, { seconds }) {
    const at = loop.now + seconds;
    const i = loop.sleeping.findIndex((s) => s.at > at);
    loop.sleeping.splice(i === -1 ? loop.sleeping.length : i, 0, { at, task });
  },
  spawn: (loop, task, { coro, name }) => wake(loop, task, spawnTask(loop, coro, name)),
  join: (loop, task, { task: other }) =>
    other.done ? wake(loop, task, other.result) : other.joiners.push(task),
  clock: (loop, task) => wake(loop, task, loop.now),
};
function step(loop: MiniLoop, task: MiniTask): void {
  loop.trace.push({ lane: task.name, kind: "cpu", start: loop.now, end: loop.now });
  const { value, done } = task.coro.next(task.send);
  task.since = loop.now;
  if (done) {
    Object.assign(task, { done: true, result: value });
    for (const joiner of task.joiners) wake(loop, joiner, value);
    return;
  }
  (traps[value.trap] as Handler<Trap["trap"]>)(loop, task, value as never);
}
// One turn; false when there is nothing left to do.
function runOnce(loop: MiniLoop): boolean {
  if (loop.ready.length === 0) {
    if (loop.sleeping.length === 0) return false;
    loop.now = loop.sleeping[0].at; // nothing to do until then: jump the clock
  }
  while (loop.sleeping.length > 0 && loop.sleeping[0].at <= loop.now) {
    wake(loop, loop.sleeping.shift()!.task);
  }
  for (const task of loop.ready.splice(0)) step(loop, task);
  return true;
}
