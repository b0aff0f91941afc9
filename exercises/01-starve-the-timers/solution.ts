// Which letters print in the queueMicrotask program?
const printed = {
  A: false, // a timer: the loop never gets back to its timers
  B: false, // the same; so `stop` is never set and the polling never ends
  C: true, // microtasks queued before the loop's next poll still run, in order
  D: true,
};
// Does the 5 ms timer B starve with each way of polling?
const starves = {
  queueMicrotask: true, // every poll is a microtask: the queue is never empty
  awaitNull: true, // `await` resumes in a microtask, too
  setTimeout0: false, // each poll is a macrotask: due timers get their turn
  messageChannel: false, // a message is a macrotask as well
};
