/**
 * Every reference solution and every kept answer type-checks as it would in
 * its notebook: after the cells it needs (with earlier exercises solved),
 * with the names the grader exports. (`deno check exercises/` cannot check a
 * solution alone when it uses names of earlier cells, so it skips them.)
 *
 * @module
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { buildLearnerModule } from "../../tools/grade/learner_module.ts";
import { CONFIG_PATH } from "../../tools/grade/paths.ts";
import { loadExerciseSources } from "./_exercise_sources.ts";

Deno.test("every solution and answer type-checks in its notebook's context", async () => {
  const dir = await Deno.makeTempDir({ prefix: "course-solutions-" });
  try {
    const files: string[] = [];
    const answers = new URL("./answers/", import.meta.url);
    for (const s of await loadExerciseSources()) {
      const texts = [{ name: "solution", source: s.solution }];
      try {
        for await (const f of Deno.readDir(new URL(`${s.manifest.id}/`, answers))) {
          texts.push({
            name: f.name.replace(/\.ts$/, ""),
            source: await Deno.readTextFile(new URL(`${s.manifest.id}/${f.name}`, answers)),
          });
        }
      } catch (error) {
        if (!(error instanceof Deno.errors.NotFound)) throw error;
      }
      for (const { name, source } of texts) {
        const module = buildLearnerModule(
          [...s.neededSolved, { cellId: name, source }],
          s.manifest.exports,
        );
        const path = join(dir, `${s.manifest.id}--${name}.ts`);
        await Deno.writeTextFile(path, module.source);
        files.push(path);
      }
    }
    const { code, stderr } = await new Deno.Command(Deno.execPath(), {
      args: ["check", "--quiet", "--config", CONFIG_PATH, ...files],
      stdout: "null",
      stderr: "piped",
      env: { NO_COLOR: "1" },
    }).output();
    assert.equal(code, 0, new TextDecoder().decode(stderr).replaceAll(`${dir}/`, ""));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
