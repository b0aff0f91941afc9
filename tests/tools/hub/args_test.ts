import assert from "node:assert/strict";
import { parseHubArgs } from "../../../tools/hub/args.ts";
import { numberedLearners, parseLearnerFile } from "../../../tools/hub/learners.ts";
import { rebase } from "../../../tools/hub/learner_config.ts";
import { REPO_ROOT } from "../../../tools/hub/class_dir.ts";

const noFile = () => Promise.reject(new Deno.errors.NotFound("no such file"));

Deno.test("--users N names learners learner01 ... in order", async () => {
  const args = await parseHubArgs(["--users", "3", "--port", "9000"], noFile);
  assert.deepEqual(args.learners, ["learner01", "learner02", "learner03"]);
  assert.equal(args.port, 9000);
  assert.equal(args.admin, "teacher");
  assert.equal(numberedLearners(100)[99], "learner100");
});

Deno.test("--users FILE reads names, skipping comments and blank lines", async () => {
  const args = await parseHubArgs(
    ["--users", "class.txt"],
    (path) =>
      Promise.resolve(path === "class.txt" ? "ada\n\n# the second\ngrace  # comment\n" : ""),
  );
  assert.deepEqual(args.learners, ["ada", "grace"]);
});

Deno.test("bad learner names, ports and admins are refused with the file and line", async () => {
  assert.throws(
    () => parseLearnerFile("ada\nAda Lovelace\n", "class.txt"),
    /class\.txt:2: "Ada Lovelace"/,
  );
  assert.throws(
    () => parseLearnerFile("ada\nada\n", "class.txt"),
    /class\.txt:2: "ada" is listed twice/,
  );
  assert.throws(() => parseLearnerFile("# nobody\n", "class.txt"), /class\.txt: no learner names/);
  await assert.rejects(parseHubArgs(["--users", "0"], noFile), /from 1 to 999/);
  await assert.rejects(
    parseHubArgs(["--users", "nofile.txt"], noFile),
    /--users nofile\.txt: not a number/,
  );
  await assert.rejects(parseHubArgs(["--port", "http"], noFile), /--port needs a port number/);
  await assert.rejects(parseHubArgs(["--admin", "learner01"], noFile), /also a learner/);
  await assert.rejects(parseHubArgs(["--password", ""], noFile), /must not be empty/);
});

Deno.test("the learners' deno.json points the repo's relative imports at the repo", () => {
  assert.equal(rebase("./lib/mod.ts", `${REPO_ROOT}/.course/hub/users`), "../../../lib/mod.ts");
  assert.equal(rebase("./lib/", "/home"), `..${REPO_ROOT}/lib/`);
  assert.equal(rebase("npm:zod@4.6.7", "/home"), "npm:zod@4.6.7");
});
