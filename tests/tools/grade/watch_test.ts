/**
 * Item 6 of the grader's contract: a watch mode to trust. A save made during
 * the first grading is graded; a burst of saves gives one regrade, soon after
 * the last save; a regrade that fails is reported and the watch goes on; under
 * `--json --watch` stdout carries only JSON documents, one per regrade.
 *
 * @module
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { GradeReportSchema } from "../../../tools/grade/report_schema.ts";
import { DEBOUNCE_MS } from "../../../tools/grade/watch.ts";
import {
  copyCourse,
  type CourseCopy,
  keepingNotebooks,
  readSolution,
  setExerciseSource,
} from "./_course_copy.ts";
import { GRADE_MAIN } from "./_run_grade.ts";

const ID = "01-predict-order";
const NOTEBOOK = "01-async-io.ipynb";
const SOLUTION = await readSolution(ID);

/** A running `grade --watch`, its output collected line by line. */
class Watcher {
  readonly stdout: string[] = [];
  readonly stderr: string[] = [];
  readonly #child: Deno.ChildProcess;
  readonly #done: Promise<unknown>;
  #waiters: (() => void)[] = [];

  constructor(args: string[]) {
    this.#child = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", GRADE_MAIN, "--watch", ...args],
      env: { NO_COLOR: "1" },
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const collect = async (stream: ReadableStream<Uint8Array<ArrayBuffer>>, into: string[]) => {
      let rest = "";
      for await (const chunk of stream.pipeThrough(new TextDecoderStream())) {
        const lines = (rest + chunk).split("\n");
        rest = lines.pop()!;
        into.push(...lines);
        this.#waiters.splice(0).forEach((wake) => wake());
      }
    };
    this.#done = Promise.all([
      collect(this.#child.stdout, this.stdout),
      collect(this.#child.stderr, this.stderr),
    ]);
  }

  /** Waits until `test` holds (checked after each line), at most `seconds`. */
  async until(test: () => boolean, what: string, seconds = 60): Promise<void> {
    const deadline = Date.now() + seconds * 1000;
    while (!test()) {
      if (Date.now() > deadline) {
        throw new Error(
          `timed out waiting for ${what}\nstdout:\n${this.stdout.join("\n")}\n` +
            `stderr:\n${this.stderr.join("\n")}`,
        );
      }
      await new Promise<void>((wake) => {
        const timer = setTimeout(wake, 200);
        this.#waiters.push(() => {
          clearTimeout(timer);
          wake();
        });
      });
    }
  }

  /** Stops the watch with Ctrl-C and returns its exit code. */
  async stop(): Promise<number> {
    try {
      this.#child.kill("SIGINT");
    } catch {
      // Already ended.
    }
    const status = await this.#child.status;
    await this.#done;
    return status.code;
  }
}

async function withCopy(body: (copy: CourseCopy, notebook: string) => Promise<void>) {
  const copy = await copyCourse({ withExercises: true });
  try {
    await keepingNotebooks([], () => body(copy, join(copy.notebooksDir, NOTEBOOK)));
  } finally {
    await copy.dispose();
  }
}

const reportsIn = (lines: string[]) =>
  lines.filter((l) => l.trim() !== "").map((l) => GradeReportSchema.parse(JSON.parse(l)));

Deno.test("watch: a save made during the first grading is graded", async () => {
  await withCopy(async (copy, notebook) => {
    const manifestUrl = new URL(`${ID}/exercise.json`, copy.exercisesDir);
    const manifest = JSON.parse(await Deno.readTextFile(manifestUrl));
    await Deno.writeTextFile(manifestUrl, JSON.stringify({ ...manifest, timeLimit: 4 }));
    // The first grading takes the whole time limit: the save below lands during it.
    await setExerciseSource(notebook, ID, "while (true) {}\nconst order = [];\n");
    const watcher = new Watcher([
      "--notebooks",
      copy.notebooksDir,
      "--exercises",
      copy.exercisesDir.pathname,
      "--progress",
      join(copy.root, "p.json"),
      ID,
    ]);
    try {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await setExerciseSource(notebook, ID, SOLUTION);
      await watcher.until(() => watcher.stdout.some((l) => l.includes(`✔ ${ID}`)), "the pass");
    } finally {
      assert.equal(await watcher.stop(), 130);
    }
  });
});

Deno.test("watch --json: a burst of saves gives one regrade; stdout is only JSON", async () => {
  await withCopy(async (copy, notebook) => {
    const watcher = new Watcher([
      "--json",
      "--notebooks",
      copy.notebooksDir,
      "--progress",
      join(copy.root, "p.json"),
      ID,
    ]);
    try {
      await watcher.until(() => watcher.stderr.some((l) => /^watching /.test(l)), "the watch");
      assert.equal(reportsIn(watcher.stdout).length, 1);
      // 15 saves 0.3 s apart, the last one the solution.
      const saves: number[] = [];
      for (let i = 0; i < 15; i++) {
        await setExerciseSource(notebook, ID, i === 14 ? SOLUTION : `const order = [${i}];\n`);
        saves.push(performance.now());
        if (i < 14) await new Promise((resolve) => setTimeout(resolve, 300));
      }
      await watcher.until(
        () => reportsIn(watcher.stdout).at(-1)?.exercises[0].status === "passed",
        "the regrade",
      );
      const answeredAfter = (performance.now() - saves.at(-1)!) / 1000;
      // Nothing more comes after the burst.
      await new Promise((resolve) => setTimeout(resolve, DEBOUNCE_MS * 3));
      const regrades = reportsIn(watcher.stdout).length - 1;
      const started = watcher.stderr.filter((l) => / saved$/.test(l)).length;
      // A busy machine can stretch a 0.3 s pause past the debounce: each such gap may start one
      // more regrade. On a quiet machine there is none, and the burst gives exactly one.
      const gaps = saves.slice(1).filter((t, i) => t - saves[i] >= DEBOUNCE_MS).length;
      assert.ok(regrades >= 1 && regrades <= 1 + gaps, `${regrades} regrades, ${gaps} long gaps`);
      assert.ok(started <= 1 + gaps, `${started} regrades started, ${gaps} long gaps`);
      assert.equal(reportsIn(watcher.stdout).at(-1)!.exercises[0].status, "passed");
      // The debounce is 0.5 s; grading one exercise takes well under a second. Generous for a busy machine.
      assert.ok(answeredAfter < 20, `the regrade came ${answeredAfter} s after the last save`);
      console.log(
        `${regrades} regrade(s) for 15 saves (${gaps} pauses over ${DEBOUNCE_MS} ms), ` +
          `reported ${answeredAfter.toFixed(2)} s after the last save`,
      );
    } finally {
      assert.equal(await watcher.stop(), 130);
    }
  });
});

Deno.test("watch: a regrade that fails (progress path became a folder) is reported; the watch goes on", async () => {
  await withCopy(async (copy, notebook) => {
    const progress = join(copy.root, "p.json");
    const watcher = new Watcher(["--notebooks", copy.notebooksDir, "--progress", progress, ID]);
    try {
      await watcher.until(() => watcher.stdout.some((l) => /^watching /.test(l)), "the watch");
      await Deno.remove(progress);
      await Deno.mkdir(progress);
      await setExerciseSource(notebook, ID, "const order = [1];\n");
      await watcher.until(
        () => watcher.stderr.some((l) => /this regrade failed: .*folder.*still watching/.test(l)),
        "the failure",
      );
      await Deno.remove(progress);
      await setExerciseSource(notebook, ID, SOLUTION);
      await watcher.until(() => watcher.stdout.some((l) => l.includes(`✔ ${ID}`)), "the pass");
    } finally {
      assert.equal(await watcher.stop(), 130);
    }
  });
});
