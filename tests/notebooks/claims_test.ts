/**
 * The outside check of the course's prose: the wrong claims that reviews found
 * must not come back (in notebooks, README, docs and the library's JSDoc), and
 * the reference pages and chapter times stay linked and consistent. The
 * structure of each chapter is checked in structure_test.ts.
 */
import assert from "node:assert/strict";
import { courseNotebooks, joinText } from "./_notebooks.ts";

const ROOT = new URL("../../", import.meta.url);

/** A wrong claim, as a pattern, with what is true instead. */
interface WrongClaim {
  pattern: RegExp;
  truth: string;
}

const WRONG_CLAIMS: WrongClaim[] = [
  {
    pattern: /(I\/O|sockets?|timers?|ops)\b[^.]{0,100}\boff (the|that) (JavaScript )?thread/i,
    truth: "Deno polls sockets and timers on the JavaScript thread; only file work leaves it",
  },
  {
    pattern: /run on the tokio runtime's threads/i,
    truth: "only file operations run on tokio's blocking pool",
  },
  {
    pattern: /sends? the request the moment|\/\/ sent now/i,
    truth: "a started request leaves when the thread returns to the event loop",
  },
  {
    pattern: /exactly as they would to a remote host|like a busy site far away/i,
    truth:
      "the in-process slow server shares the notebook's thread; loopback skips the network card",
  },
  {
    pattern: /Deno does every I\/O operation in its Rust runtime/i,
    truth: "Deno has synchronous ops too, which block the thread",
  },
  {
    pattern: /timers that keep scheduling timers are clamped|0 ms timer waits a few milliseconds/i,
    truth: "Deno does not clamp nested setTimeout(0); each hop is a loop turn",
  },
  {
    pattern: /MessageChannel`?\s*\(another macrotask\) takes microseconds/i,
    truth: "a MessageChannel hop is cheap but can let due timers starve in Deno",
  },
  {
    pattern: /(the )?GIL is a lock inside each CPython process|GIL belongs to a process/i,
    truth: "the GIL belongs to an interpreter (per subinterpreter since 3.12)",
  },
  {
    pattern: /Python 3\.13 offers an experimental build/i,
    truth: "the free-threaded build is officially supported since 3.14",
  },
  {
    pattern: /because of reference counting, and is released/i,
    truth: "the GIL guards more than reference counts",
  },
  {
    pattern: /a coroutine steps aside at `await`/i,
    truth: "Python's await of a coroutine runs it inline; only a pending future yields",
  },
  {
    pattern: /hands the bytes to the disk|wait for the operating system and the disk/i,
    truth: "without fsync, writes land in the page cache",
  },
  {
    pattern: /quanta of a few milliseconds|slices are a few milliseconds long/i,
    truth: "slices range from about a millisecond to tens of milliseconds, by OS",
  },
  {
    pattern: /the core saves the registers/i,
    truth: "the kernel switches context",
  },
  {
    pattern: /arrive complete and in the order/i,
    truth: "TCP keeps order without gaps only while the connection lives",
  },
  {
    pattern:
      /Going from two to four does not help again|spreads them over both cores|On an idle two-core machine/i,
    truth: "read the machine's core count; do not assume two cores",
  },
  {
    pattern: /V8 keeps (byte )?arrays of (up to )?64 bytes( or less)? on its (own )?heap/i,
    truth: "in Deno every ArrayBuffer is made off V8's heap; Node keeps small ones on it",
  },
  {
    pattern: /You wrote one in about sixty lines/i,
    truth: "the learner writes one turn, not the whole mini loop",
  },
];

/** Every text file a learner reads: prose of notebooks, README, docs, lib JSDoc. */
async function proseSources(): Promise<{ where: string; text: string }[]> {
  const sources: { where: string; text: string }[] = [];
  for (const { name, notebook } of await courseNotebooks()) {
    for (const cell of notebook.cells) {
      sources.push({ where: `notebooks/${name}#${cell.id}`, text: joinText(cell.source) });
    }
  }
  sources.push({ where: "README.md", text: await Deno.readTextFile(new URL("README.md", ROOT)) });
  for (const dir of ["notebooks/reference/", "lib/"]) {
    for (const path of await filesUnder(new URL(dir, ROOT))) {
      if (!/\.(md|ts)$/.test(path.pathname)) continue;
      sources.push({
        where: path.pathname.slice(ROOT.pathname.length),
        text: await Deno.readTextFile(path),
      });
    }
  }
  return sources;
}

async function filesUnder(dir: URL): Promise<URL[]> {
  const files: URL[] = [];
  for await (const entry of Deno.readDir(dir)) {
    const url = new URL(entry.name + (entry.isDirectory ? "/" : ""), dir);
    if (entry.isDirectory) files.push(...await filesUnder(url));
    else files.push(url);
  }
  return files;
}

Deno.test("none of the wrong claims found by the reviews is taught again", async () => {
  const found: string[] = [];
  for (const { where, text } of await proseSources()) {
    const flat = text.replace(/\s+/g, " ");
    for (const { pattern, truth } of WRONG_CLAIMS) {
      const match = flat.match(pattern);
      if (match) found.push(`${where}: "${match[0]}" (true: ${truth})`);
    }
  }
  assert.deepEqual(found, [], found.join("\n"));
});

Deno.test("the wrong-claim patterns catch the sentences they were written for", () => {
  const old = [
    "The I/O itself (files, sockets, timers) is done by Deno's Rust runtime off that thread",
    "`fetch(url)` sends the request the moment it is called",
    "Timers that keep scheduling timers are clamped: after a few levels",
    "The GIL is a lock inside each CPython process.",
    "in Python a coroutine steps aside at `await`",
    "V8 keeps arrays of 64 bytes or less on its own heap, so a fresh small array per message",
  ];
  for (const sentence of old) {
    assert.ok(WRONG_CLAIMS.some(({ pattern }) => pattern.test(sentence)), sentence);
  }
});

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
const slug = (heading: string) =>
  heading.toLowerCase().replace(/[^\p{L}\p{N}\s-]/gu, "").trim().replace(/\s+/g, "-");

Deno.test("the glossary has at least 40 terms, and every link into it lands on one", async () => {
  const glossary = await Deno.readTextFile(new URL("notebooks/reference/glossary.md", ROOT));
  const anchors = new Set([...glossary.matchAll(/^### (.+)$/gm)].map((m) => slug(m[1])));
  assert.ok(anchors.size >= 40, `only ${anchors.size} terms`);
  const broken: string[] = [];
  for (const { where, text } of await proseSources()) {
    for (const [, anchor] of text.matchAll(/glossary\.md#([\w-]+)/g)) {
      if (!anchors.has(anchor)) broken.push(`${where}: #${anchor}`);
    }
    if (where === "notebooks/reference/glossary.md") {
      for (const [, anchor] of text.matchAll(/\]\(#([\w-]+)\)/g)) {
        if (!anchors.has(anchor)) broken.push(`${where}: #${anchor}`);
      }
    }
  }
  assert.deepEqual(broken, [], `links to missing glossary terms:\n${broken.join("\n")}`);
});

Deno.test("00 and the README link the references and list every chapter with its time", async () => {
  const notebooks = await courseNotebooks();
  const readme = await Deno.readTextFile(new URL("README.md", ROOT));
  const welcome = notebooks[0].notebook.cells.map((c) => joinText(c.source)).join("\n");
  for (const doc of ["glossary.md", "cheatsheet.md", "javascript-differs.md"]) {
    await Deno.stat(new URL(`notebooks/reference/${doc}`, ROOT));
    assert.ok(readme.includes(`(notebooks/reference/${doc})`), `README does not link ${doc}`);
    assert.ok(welcome.includes(`(reference/${doc})`), `00 does not link reference/${doc}`);
  }
  for (const { name } of notebooks) {
    const row = readme.split("\n").find((line) => line.includes(`(notebooks/${name})`));
    assert.ok(row, `README does not link ${name}`);
    assert.match(row, /\|\s*\d+ min\s*\|/, `README gives no time for ${name}`);
    if (name !== notebooks[0].name) {
      assert.ok(welcome.includes(`](${name})`), `00 does not link ${name}`);
    }
  }
  assert.ok(!/from "zod"/.test(welcome), "00 teaches zod again: it is course infrastructure");
});

/** Minutes in a chapter's "**Time:** about N minutes / N hours" line. */
function statedMinutes(intro: string): number | null {
  const match = /\*\*Time:\*\*[^.]*?about (\d+) (minutes|hours?)/.exec(intro.replace(/\s+/g, " "));
  if (!match) return null;
  return Number(match[1]) * (match[2].startsWith("hour") ? 60 : 1);
}

Deno.test("README and 00 give each chapter the time its own intro states", async () => {
  const notebooks = await courseNotebooks();
  const readme = await Deno.readTextFile(new URL("README.md", ROOT));
  const welcome = notebooks[0].notebook.cells.map((c) => joinText(c.source)).join("\n");
  const problems: string[] = [];
  for (const { name, notebook } of notebooks) {
    const minutes = statedMinutes(joinText(notebook.cells[0].source));
    if (minutes === null) {
      problems.push(`${name}: no "**Time:** about N minutes" in its intro`);
      continue;
    }
    const rowMinutes = (text: string, link: string) => {
      const row = text.split("\n").find((line) => line.includes(link));
      return Number(/\|\s*(\d+) min\s*\|/.exec(row ?? "")?.[1]);
    };
    const inReadme = rowMinutes(readme, `(notebooks/${name})`);
    if (inReadme !== minutes) problems.push(`${name}: ${minutes} min, README says ${inReadme}`);
    if (name === notebooks[0].name) continue;
    const inWelcome = rowMinutes(welcome, `](${name})`);
    if (inWelcome !== minutes) problems.push(`${name}: ${minutes} min, 00 says ${inWelcome}`);
  }
  assert.deepEqual(problems, [], problems.join("\n"));
});

Deno.test("README and 00 state the course's total time as the chapters' times add up", async () => {
  const notebooks = await courseNotebooks();
  const total = notebooks.reduce(
    (sum, { notebook }) => sum + (statedMinutes(joinText(notebook.cells[0].source)) ?? 0),
    0,
  );
  const readme = await Deno.readTextFile(new URL("README.md", ROOT));
  const welcome = notebooks[0].notebook.cells.map((c) => joinText(c.source)).join("\n");
  for (const [where, text] of [["README.md", readme], ["00-welcome", welcome]]) {
    const stated = /about (\d+) hours in all|whole course about (\d+) hours/i.exec(
      text.replace(/\s+/g, " "),
    );
    assert.ok(stated, `${where}: no "about N hours" for the whole course`);
    const hours = Number(stated[1] ?? stated[2]);
    assert.ok(
      Math.abs(hours * 60 - total) <= 30,
      `${where} says about ${hours} hours; the chapters add up to ${total} minutes`,
    );
  }
});
