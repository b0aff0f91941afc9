import type { Slice } from "@course/lib";

// Two tasks in progress at the same time?
function isConcurrent(slices: Slice[]): boolean {
  const spans = new Map<string, { start: number; end: number }>();
  for (const s of slices) {
    const span = spans.get(s.name) ?? { start: s.start, end: s.end };
    spans.set(s.name, { start: Math.min(span.start, s.start), end: Math.max(span.end, s.end) });
  }
  const list = [...spans.values()];
  return list.some((a, i) => list.slice(i + 1).some((b) => a.start < b.end && b.start < a.end));
}

// Two tasks running (kind "cpu") at the same time?
function isParallel(slices: Slice[]): boolean {
  const cpu = slices.filter((s) => s.kind === "cpu");
  return cpu.some((a, i) =>
    cpu.slice(i + 1).some((b) => a.name !== b.name && a.start < b.end && b.start < a.end)
  );
}
