// true if the 10 ms ticker stops while the snippet runs.
const stalls = {
  timer: false, // the runtime keeps the timer; the thread is free meanwhile
  fetch: false, // the kernel waits for the socket; the loop polls it between ticks
  atomicsWait: true, // a blocking system call on the JavaScript thread itself
  asyncBusy: true, // `async` changes nothing: the loop computes on this thread
  worker: false, // the Worker's thread blocks, not this one
};
