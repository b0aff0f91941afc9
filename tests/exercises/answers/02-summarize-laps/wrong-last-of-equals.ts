type Lap = { label: string; wallMs: number };
type Kind = "io" | "cpu";

// Sum the wall time of the I/O lines and of the CPU lines, name the slowest line,
// and say whether the program as a whole is I/O-bound or CPU-bound.
function summarize(laps: Lap[], kinds: Record<string, Kind>) {
  let ioMs = 0, cpuMs = 0;
  let slowest = laps[0];
  for (const lap of laps) {
    if (kinds[lap.label] === "io") ioMs += lap.wallMs;
    else cpuMs += lap.wallMs;
    if (lap.wallMs >= slowest.wallMs) slowest = lap;
  }
  // The totals decide, not the slowest line: many short waits can outweigh one computation.
  return { ioMs, cpuMs, slowest: slowest.label, bound: ioMs >= cpuMs ? "io" : "cpu" };
}
