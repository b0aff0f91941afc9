// Scratch runner (not a test): deno run -A tests/exercises/_try.ts <id...>
import { runChecks } from "@course/lib";
import { bindingsOf, loadExerciseSources } from "./_exercise_sources.ts";
for (const s of await loadExerciseSources()) {
  if (!Deno.args.includes(s.manifest.id)) continue;
  for (const [label, src] of [["stub", s.stub.source], ["solution", s.solution]]) {
    const b = await bindingsOf(s, src, { solved: label !== "stub" });
    const o = await runChecks(s.checks, b, {
      required: s.manifest.exports,
      includeHidden: true,
      timeLimit: s.manifest.timeLimit,
    });
    console.log(`${s.manifest.id} ${label}: ${o.passed ? "PASS" : "FAIL"} ${o.message}`);
    for (const c of o.checks) console.log(`   ${c.passed ? "ok " : "NO "} ${c.name}: ${c.message}`);
  }
}
