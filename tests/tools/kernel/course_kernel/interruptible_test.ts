/**
 * The proxy's rewrite of top-level awaits (interruptible.py): each top-level
 * `await X` becomes interruptible, nothing else changes, and code the scanner
 * is unsure of is left exactly as it was.
 */
import assert from "node:assert/strict";
import { jupyterPython } from "../../../../tools/kernel/course_kernel/install.ts";

const DIR = new URL("../../../../tools/kernel/course_kernel/", import.meta.url).pathname;

async function rewrite(sources: string[]): Promise<string[]> {
  const script = `import json, sys\nsys.path.insert(0, ${JSON.stringify(DIR)})\n` +
    `from interruptible import make_interruptible\n` +
    `print(json.dumps([make_interruptible(s, 7) for s in json.load(sys.stdin)]))`;
  const child = new Deno.Command(await jupyterPython(), {
    args: ["-c", script],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(JSON.stringify(sources)));
  await writer.close();
  const { code, stdout, stderr } = await child.output();
  assert.equal(code, 0, new TextDecoder().decode(stderr));
  return JSON.parse(new TextDecoder().decode(stdout));
}

const W = (x: string) => `__courseInterruptible(${x}, 7)`;

Deno.test("top-level awaits are wrapped, with their whole operand", async () => {
  const cases: [string, string][] = [
    ["await sleep(1000)", `await ${W("sleep(1000)")}`],
    [
      "const r = await fetch(url).then((r) => r.text());",
      `const r = await ${W("fetch(url).then((r) => r.text())")};`,
    ],
    [
      "for (const x of xs) await new Promise((r) => setTimeout(r, x));",
      `for (const x of xs) await ${W("new Promise((r) => setTimeout(r, x))")};`,
    ],
    ["if (ok) { await p; }", `if (ok) { await ${W("p")}; }`],
    [
      "const n = (await Promise.all([a(), b()])).length",
      `const n = (await ${W("Promise.all([a(), b()])")}).length`,
    ],
    ["x = await a + await b", `x = await ${W("a")} + await ${W("b")}`],
    ["await foo(await bar())", `await ${W("foo(await bar())")}`],
    ["await p!\nfoo()", `await ${W("p!")}\nfoo()`],
    ["await(p)", `await ${W("(p)")}`],
    ["const re = /await/g; await re.test(s)", `const re = /await/g; await ${W("re.test(s)")}`],
  ];
  assert.deepEqual(await rewrite(cases.map(([c]) => c)), cases.map(([, w]) => w));
});

Deno.test("awaits inside functions, strings, comments and templates are left alone", async () => {
  const unchanged = [
    "async function f() { await x; }",
    "const g = async () => await y;",
    "class A { async m() { await q; } }",
    "const o = { async f() { await k } };",
    "function h(): Promise<void> { return await w; }",
    "arr.map(async (x) => { await x })",
    "const s = 'await x'; // await y\n/* await z */",
    "const t = `a ${await z} b`",
    "for await (const x of it) {}",
    "await using s = open();",
    "await foo<string>(x)", // unsure of a generic call: left as it was
    "const broken = (await p", // unbalanced: the whole cell as it was
    "1 + 1",
  ];
  assert.deepEqual(await rewrite(unchanged), unchanged);
});
