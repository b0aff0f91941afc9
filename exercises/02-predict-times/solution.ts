// Predicted wall-clock and CPU milliseconds of each program.
const predictions = {
  serial: { wallMs: 750, cpuMs: 150 }, // 3 × (200 ms wait + 50 ms computing), CPU only for computing
  concurrent: { wallMs: 350, cpuMs: 150 }, // the waits overlap (200 ms), the computing does not (3 × 50)
};
