// Run generator tasks round robin; return the yielded strings in order.
function roundRobin(tasks: Generator<string, void, undefined>[]): string[] {
  const queue = [...tasks];
  const out: string[] = [];
  while (queue.length > 0) {
    const task = queue.shift()!;
    const step = task.next(); // one turn: run the task to its next pause
    if (step.done) continue; // finished: it leaves the queue
    out.push(step.value);
    queue.push(task); // back of the queue
  }
  return out;
}
