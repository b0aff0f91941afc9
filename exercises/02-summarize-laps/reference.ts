/**
 * The reference `summarize` and the measurements the checks feed it.
 *
 * @module
 */

/** One measured line: its label and wall-clock milliseconds. */
export type Lap = { label: string; wallMs: number };
/** What bounds a line. */
export type Kind = "io" | "cpu";
/** What `summarize` returns. */
export type Summary = { ioMs: number; cpuMs: number; slowest: string; bound: Kind };

/**
 * Sums wall time per kind, names the slowest line, and says which kind dominates.
 *
 * @param laps Measured lines.
 * @param kinds Each label's kind.
 * @returns The summary.
 */
export function summarize(laps: Lap[], kinds: Record<string, Kind>): Summary {
  let ioMs = 0, cpuMs = 0;
  let slowest = laps[0];
  for (const lap of laps) {
    if (kinds[lap.label] === "io") ioMs += lap.wallMs;
    else cpuMs += lap.wallMs;
    if (lap.wallMs > slowest.wallMs) slowest = lap;
  }
  return { ioMs, cpuMs, slowest: slowest.label, bound: ioMs >= cpuMs ? "io" : "cpu" };
}

/** The six-line program's kinds. */
export const KINDS: Record<string, Kind> = {
  request: "io",
  headers: "cpu",
  format: "cpu",
  join: "cpu",
  open: "io",
  write: "io",
};

const laps = (ms: number[]): Lap[] =>
  ["request", "headers", "format", "join", "open", "write"].map((label, i) => ({
    label,
    wallMs: ms[i],
  }));

/** Measurements: as measured, with the formatting scaled up, and many waits. */
export const CASES: Record<string, { laps: Lap[]; kinds: Record<string, Kind> }> = {
  // The stated tie rules: equal totals are "io"; of equally slow laps, the first is named.
  "a tie": {
    laps: [
      { label: "read", wallMs: 30 },
      { label: "hash", wallMs: 45 },
      { label: "send", wallMs: 45 },
      { label: "pack", wallMs: 30 },
    ],
    kinds: { read: "io", hash: "cpu", send: "io", pack: "cpu" },
  },
  measured: { laps: laps([151.8, 0.06, 0.04, 0.01, 0.35, 0.12]), kinds: KINDS },
  "formatting scaled up": { laps: laps([150.2, 31.5, 402.7, 95.3, 0.4, 6.1]), kinds: KINDS },
  "many short waits": {
    laps: [
      { label: "parse", wallMs: 80 },
      ...Array.from({ length: 10 }, (_, i) => ({ label: `fetch ${i}`, wallMs: 20 + i })),
    ],
    kinds: {
      parse: "cpu",
      ...Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`fetch ${i}`, "io"])),
    },
  },
};
