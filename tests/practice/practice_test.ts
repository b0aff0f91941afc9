/**
 * `practice(kind, seed)`: same seed, same problem; the worked solution agrees
 * with the simulator (scheduling, GIL), the loop (turns) and Deno itself
 * (microtask order, by running the generated program); checks never show
 * the answer.
 *
 * @module
 */
import assert from "node:assert/strict";
import {
  type MicrotaskProblem,
  orderOf,
  practice,
  PRACTICE_KINDS,
  type PracticeKind,
  seededRandom,
  simulateCpu,
  simulateGil,
  sourceOf,
} from "@course/lib";

const KINDS = Object.keys(PRACTICE_KINDS) as PracticeKind[];
const SEEDS = [0, 1, 2, 3, 17, 42, 1234, 99991];

Deno.test("at least four kinds: scheduling, callback turns, micro/macrotasks, GIL", () => {
  for (const kind of ["rr", "turns", "microtasks", "gil"]) assert.ok(KINDS.includes(kind as never));
});

Deno.test("the same kind and seed give the same problem; other seeds give others", () => {
  for (const kind of KINDS) {
    const questions = new Set<string>();
    for (const seed of SEEDS) {
      const a = practice(kind, seed), b = practice(kind, seed);
      assert.equal(a.question, b.question, `${kind} #${seed}`);
      assert.deepEqual(a.solution().answer, b.solution().answer);
      questions.add(a.question);
    }
    assert.ok(questions.size >= SEEDS.length - 2, `${kind}: seeds repeat problems`);
  }
});

Deno.test("the worked answer passes the check; a wrong one fails without showing the answer", () => {
  for (const kind of KINDS) {
    for (const seed of SEEDS) {
      const p = practice(kind, seed);
      const { answer } = p.solution();
      assert.equal(p.check(answer).right, true, `${kind} #${seed}`);
      const wrong = Array.isArray(answer)
        ? [...answer].reverse()
        : typeof answer === "number"
        ? answer + 100
        : Object.fromEntries(Object.entries(answer as object).map(([k, v]) => [k, v + 100]));
      if (JSON.stringify(wrong) === JSON.stringify(answer)) continue; // a one-letter order
      const feedback = p.check(wrong);
      assert.equal(feedback.right, false, `${kind} #${seed}: a wrong answer passed`);
      if (typeof answer === "number") {
        assert.ok(!new RegExp(`\\b${answer}\\b`).test(feedback.message), feedback.message);
      }
    }
  }
});

Deno.test("scheduling: the worked steps add up to the simulator's completions", () => {
  for (const kind of ["fcfs", "sjf", "srtf", "rr"] as const) {
    for (const seed of SEEDS) {
      const worked = practice(kind, seed).solution();
      const result = worked.trace as ReturnType<typeof simulateCpu>;
      const answer = worked.answer as Record<string, number>;
      for (const [name, completion] of Object.entries(answer)) {
        const slices = result.timeline.filter((s) => s.name === name && s.kind === "cpu");
        assert.equal(Math.max(...slices.map((s) => s.end)), completion, `${kind} #${seed} ${name}`);
        const last = worked.steps.filter((s) => s.includes(`${name} runs`)).at(-1)!;
        assert.ok(last.endsWith("and completes") && last.includes(`-${completion} ms`), last);
      }
    }
  }
});

Deno.test("GIL: the worked makespan is the simulator's, and no thread finishes after it", () => {
  for (const seed of SEEDS) {
    const worked = practice("gil", seed).solution();
    const result = worked.trace as ReturnType<typeof simulateGil>;
    assert.equal(worked.answer, result.makespan);
    const ends = Object.values(result.threads).map((t) => t.completion);
    assert.equal(Math.max(...ends), worked.answer);
  }
});

Deno.test("turns: every callback of the program has a turn, in a plausible order", () => {
  for (const seed of SEEDS) {
    const p = practice("turns", seed);
    const answer = p.solution().answer as Record<string, number>;
    const letters = [...p.question.matchAll(/mark\("(\w)"/g)].map((m) => m[1]);
    assert.deepEqual(Object.keys(answer).sort(), letters.sort(), p.question);
    assert.equal(Math.min(...Object.values(answer)), 1);
  }
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs the generated program for real and collects what it logs (waiting for late timers). */
async function runForReal(problem: MicrotaskProblem, letters: number): Promise<string[]> {
  const seen: string[] = [];
  const run = new Function("console", sourceOf(problem));
  run({ log: (letter: string) => seen.push(letter) });
  // On a busy machine timers come late, never out of order: wait for every letter.
  for (
    const started = performance.now();
    seen.length < letters && performance.now() - started < 5000;
  ) {
    await pause(5);
  }
  await pause(20); // and a little more, so that an extra log would show
  return seen;
}

Deno.test("microtasks: the model's order is what Deno really prints", async () => {
  for (const seed of [...SEEDS, 5, 6, 7, 8, 9, 10, 11, 12]) {
    const worked = practice("microtasks", seed).solution();
    const program = PRACTICE_KINDS.microtasks.generate(seededRandom(seed));
    assert.deepEqual(orderOf(program).map((r) => r.letter), worked.answer);
    const letters = (worked.answer as string[]).length;
    assert.deepEqual(await runForReal(program, letters), worked.answer, sourceOf(program));
  }
});

Deno.test("unknown kinds and bad seeds are refused with the list of kinds", () => {
  assert.throws(() => practice("lottery" as PracticeKind, 1), /try one of fcfs, sjf/);
  assert.throws(() => practice("rr", 1.5), /seed must be an integer/);
});
