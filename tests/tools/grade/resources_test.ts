/**
 * Item 5 of the grader's contract, the parts below the notebook cases of
 * `bad_input_test.ts`: any thrown value is classified without throwing and
 * with a message of about 2 KB at most, and a result for an id outside the
 * run is ignored.
 *
 * @module
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { capMessage, classifyError, MESSAGE_LIMIT } from "@course/lib/notebook/classify_error.ts";
import { CheckFailure } from "@course/lib/notebook/mod.ts";
import { CONFIG_PATH } from "../../../tools/grade/paths.ts";
import { residentBytes, runSandbox } from "../../../tools/grade/sandbox.ts";
import { MARKER } from "../../../tools/grade/sandbox_protocol.ts";
import { keepingNotebooks } from "./_course_copy.ts";

Deno.test("classifyError: any thrown value, never a throw, never more than about 2 KB", () => {
  const nameThrows = new Error("boom");
  Object.defineProperty(nameThrows, "name", {
    get() {
      throw new Error("gotcha");
    },
  });
  const trap = () => {
    throw new Error("trap");
  };
  const proxy = new Proxy({}, { get: trap, getPrototypeOf: trap, has: trap, ownKeys: trap });
  const cases: [unknown, RegExp][] = [
    [new TypeError("bad"), /^throw: the code threw TypeError: bad$/],
    [nameThrows, /^throw: the code threw Error: boom$/],
    [42, /^throw: the code threw a number: 42$/],
    [null, /^throw: the code threw null$/],
    [undefined, /^throw: the code threw undefined$/],
    [Symbol("s"), /^throw: the code threw a symbol: Symbol\(s\)$/],
    [{ code: 7 }, /^throw: the code threw an object: \{ code: 7 \}$/],
    [Object.create(null), /^throw: the code threw an object/],
    [proxy, /^throw: the code threw an object/],
    [
      new Error("z".repeat(200_000)),
      /^throw: the code threw Error: z+\.\.\. \(\d+ more characters cut\)$/,
    ],
    [new CheckFailure("wrong"), /^wrong$/],
  ];
  for (const [thrown, says] of cases) {
    const { message } = classifyError(thrown);
    assert.match(message, says);
    assert.ok(message.length <= MESSAGE_LIMIT + 50, `${message.length} characters`);
  }
  assert.equal(classifyError(new CheckFailure("wrong")).error, null);
  assert.equal(capMessage("short"), "short");
});

Deno.test("sandbox: a result for an id outside the run is ignored", async () => {
  const dir = await Deno.makeTempDir({ prefix: "course-fake-runner-" });
  try {
    const runner = join(dir, "fake_runner.ts");
    const passed = { checks: [], passed: true, message: "", error: null };
    await Deno.writeTextFile(
      runner,
      `export async function runJob(job: { id: string }): Promise<never> {
  const buffer = new Uint8Array(128);
  const n = (await Deno.stdin.read(buffer)) ?? 0;
  const nonce = new TextDecoder().decode(buffer.subarray(0, n)).trim();
  const emit = (event: unknown) => console.log("\\n" + ${
        JSON.stringify(MARKER)
      } + nonce + " " + JSON.stringify(event));
  emit({ type: "result", id: "99-elsewhere", outcome: ${JSON.stringify(passed)} });
  emit({ type: "start", id: job.id });
  emit({ type: "result", id: "99-elsewhere", outcome: ${JSON.stringify(passed)} });
  emit({ type: "result", id: job.id, outcome: { checks: [], passed: false, message: "the real one", error: null } });
  Deno.exit(0);
}
`,
    );
    const self = String(pathToFileURL(runner));
    const run = await keepingNotebooks([], () =>
      runSandbox(
        { id: "01-mine", checkUrl: self, moduleUrl: self, exports: ["x"], timeLimit: 5 },
        {
          permissions: [],
          configPath: CONFIG_PATH,
          cwd: dir,
          outputCap: 1024 * 1024,
          startupLimit: 60,
          runnerUrl: pathToFileURL(runner),
        },
      ));
    assert.equal(run.outcome?.message, "the real one");
    assert.equal(run.outcome?.passed, false);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("residentBytes reads this process's memory, and null for a process that is gone", async () => {
  const bytes = await residentBytes(Deno.pid);
  if (Deno.build.os === "linux") assert.ok(bytes !== null && bytes > 1024 * 1024);
  assert.equal(await residentBytes(2 ** 22 + 12345), null);
});
