// Do two threads finish two copies in at most 80% of one thread's time?
const helps = {
  A: false, // all computing: the two threads take turns holding the GIL, no gain
  B: true, // the 40 ms waits overlap; only 2 × 5 ms of computing is serial
  C: false, // 80 of the 90 ms are computing, and computing does not overlap
  D: true, // the waits overlap while the other thread's 1 ms steps run
};
