import assert from "node:assert/strict";
import fc from "fast-check";
import { type GilSlice, simulateCpu, simulateGil, type Slice } from "@course/lib/scheduler/mod.ts";

/** Integer times keep the sums exact. */
const steps = fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 5 })
  .map((lengths) => lengths.map((n, i) => (i % 2 === 0 ? { cpu: n } : { io: n })));

const cpuInput = fc.record({
  policy: fc.constantFrom("fcfs", "sjf", "srtf", "rr") as fc.Arbitrary<
    "fcfs" | "sjf" | "srtf" | "rr"
  >,
  quantum: fc.integer({ min: 1, max: 5 }),
  contextSwitch: fc.constantFrom(0, 1),
  cores: fc.integer({ min: 1, max: 3 }),
  processes: fc.array(
    fc.record({ arrival: fc.integer({ min: 0, max: 10 }), steps }),
    { minLength: 1, maxLength: 6 },
  ).map((ps) => ps.map((p, i) => ({ name: `P${i + 1}`, ...p }))),
});

function overlaps(slices: { start: number; end: number }[]): boolean {
  const sorted = [...slices].sort((a, b) => a.start - b.start);
  return sorted.some((s, i) => i > 0 && s.start < sorted[i - 1].end);
}

Deno.test("simulateCpu: every process gets exactly its CPU and I/O time, cores never overlap", () => {
  fc.assert(
    fc.property(cpuInput, (input) => {
      const r = simulateCpu(input);
      for (const p of input.processes) {
        const own = (kind: string) =>
          r.timeline.filter((s: Slice) => s.name === p.name && s.kind === kind)
            .reduce((sum, s) => sum + s.end - s.start, 0);
        const want = (key: "cpu" | "io") => p.steps.reduce((sum, s) => sum + (s[key] ?? 0), 0);
        assert.equal(own("cpu"), want("cpu"));
        assert.equal(own("io"), want("io"));
        const stats = r.processes[p.name];
        assert.ok(stats.waiting >= 0 && stats.response >= 0);
        assert.ok(r.timeline.every((s) => s.name !== p.name || s.start >= p.arrival));
        // A process is never in two places at once.
        assert.ok(!overlaps(r.timeline.filter((s) => s.name === p.name && s.kind !== "switch")));
      }
      for (let core = 0; core < input.cores; core++) {
        assert.ok(!overlaps(r.timeline.filter((s) => s.core === core)));
      }
      assert.ok(r.utilization > 0 && r.utilization <= 1);
      assert.deepEqual(simulateCpu(input), r);
    }),
    { seed: 7, numRuns: 300 },
  );
});

Deno.test("simulateGil: one thread per process computes at a time, at most `cores` overall", () => {
  const input = fc.record({
    cores: fc.integer({ min: 1, max: 3 }),
    switchInterval: fc.integer({ min: 1, max: 6 }),
    threads: fc.array(fc.record({ process: fc.constantFrom("p", "q"), steps }), {
      minLength: 1,
      maxLength: 5,
    }).map((ts) => ts.map((t, i) => ({ name: `T${i + 1}`, ...t }))),
  });
  fc.assert(
    fc.property(input, (input) => {
      const r = simulateGil(input);
      const cpu = r.timeline.filter((s: GilSlice) => s.kind === "cpu");
      for (const process of ["p", "q"]) {
        assert.ok(!overlaps(cpu.filter((s) => s.process === process)));
      }
      for (let core = 0; core < input.cores; core++) {
        assert.ok(!overlaps(cpu.filter((s) => s.core === core)));
      }
      for (const t of input.threads) {
        const total = cpu.filter((s) => s.thread === t.name).reduce(
          (a, s) => a + s.end - s.start,
          0,
        );
        assert.equal(
          total,
          t.steps.reduce((a, s) => a + (s.cpu ?? 0), 0),
        );
      }
      assert.deepEqual(simulateGil(input), r);
    }),
    { seed: 7, numRuns: 300 },
  );
});
