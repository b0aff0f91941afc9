/**
 * Reference answers for `03-concurrent-or-parallel`, and the schedules the
 * checks try them on.
 *
 * @module
 */
import { type CpuInput, simulateCpu, type Slice } from "@course/lib";

/** True when `[s1, e1)` and `[s2, e2)` share a positive length of time. */
function overlap(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * Whether two different tasks are in progress (first start to last end) at once.
 *
 * @param slices A `simulateCpu` timeline.
 * @returns True for a concurrent schedule.
 */
export function referenceIsConcurrent(slices: Slice[]): boolean {
  const spans = new Map<string, { start: number; end: number }>();
  for (const s of slices) {
    const span = spans.get(s.name);
    spans.set(s.name, {
      start: Math.min(span?.start ?? Infinity, s.start),
      end: Math.max(span?.end ?? -Infinity, s.end),
    });
  }
  const list = [...spans.values()];
  return list.some((a, i) => list.slice(i + 1).some((b) => overlap(a, b)));
}

/**
 * Whether `cpu` slices of two different tasks overlap.
 *
 * @param slices A `simulateCpu` timeline.
 * @returns True for a parallel schedule.
 */
export function referenceIsParallel(slices: Slice[]): boolean {
  const cpu = slices.filter((s) => s.kind === "cpu");
  return cpu.some((a, i) => cpu.slice(i + 1).some((b) => a.name !== b.name && overlap(a, b)));
}

const two = (a: number, b: number): CpuInput["processes"] => [
  { name: "A", burst: a },
  { name: "B", burst: b },
];
const withIo: CpuInput["processes"] = [
  { name: "A", steps: [{ cpu: 2 }, { io: 6 }, { cpu: 1 }] },
  { name: "B", arrival: 3, burst: 2 },
];

/** Named schedules to classify: simulator runs plus hand-made edge cases. */
export const SCHEDULES: Record<string, Slice[]> = {
  "FCFS, one core (one job after the other)": simulateCpu({ policy: "fcfs", processes: two(6, 4) })
    .timeline,
  "round robin, one core": simulateCpu({ policy: "rr", quantum: 2, processes: two(6, 4) }).timeline,
  "round robin, two cores":
    simulateCpu({ policy: "rr", quantum: 2, cores: 2, processes: two(6, 4) })
      .timeline,
  "B runs while A waits for I/O, one core": simulateCpu({ policy: "fcfs", processes: withIo })
    .timeline,
  "slices that only touch": [
    { core: 0, name: "A", kind: "cpu", start: 0, end: 2 },
    { core: 1, name: "B", kind: "cpu", start: 2, end: 4 },
  ],
  "one task on two cores, one after the other": [
    { core: 0, name: "A", kind: "cpu", start: 0, end: 2 },
    { core: 1, name: "A", kind: "cpu", start: 2, end: 4 },
  ],
  "I/O of one task during another's CPU slice": [
    { core: 0, name: "A", kind: "cpu", start: 0, end: 1 },
    { core: null, name: "A", kind: "io", start: 1, end: 5 },
    { core: 0, name: "B", kind: "cpu", start: 1, end: 3 },
  ],
};
