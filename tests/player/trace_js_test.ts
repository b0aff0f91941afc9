/**
 * traceJs against the classic "what does this print?" puzzles: the console
 * order under instrumentation must be the known order, and the same as the
 * program's order when it runs without traceJs, on the same Deno.
 */
import assert from "node:assert/strict";
import { loopViews, traceJs } from "@course/lib";

interface Puzzle {
  name: string;
  program: () => unknown;
  expected: string[];
}

const log = (text: string) => console.log(text);

const PUZZLES: Puzzle[] = [
  {
    name: "script, microtasks, then the timer (Jake Archibald's)",
    program: () => {
      log("script start");
      setTimeout(() => log("setTimeout"), 0);
      Promise.resolve().then(() => log("promise1")).then(() => log("promise2"));
      log("script end");
    },
    expected: ["script start", "script end", "promise1", "promise2", "setTimeout"],
  },
  {
    name: "async1/async2: an async function runs synchronously up to its first await",
    program: () => {
      async function async1() {
        log("async1 start");
        await async2();
        log("async1 end");
      }
      // deno-lint-ignore require-await -- the puzzle is about an async function with no await
      async function async2() {
        log("async2");
      }
      log("script start");
      setTimeout(() => log("setTimeout"), 0);
      async1();
      new Promise<void>((resolve) => {
        log("promise1");
        resolve();
      }).then(() => log("promise2"));
      log("script end");
    },
    expected: [
      "script start",
      "async1 start",
      "async2",
      "promise1",
      "script end",
      "async1 end",
      "promise2",
      "setTimeout",
    ],
  },
  {
    name: "nested timers: a timer set inside a timer waits for the ones already due",
    program: () => {
      setTimeout(() => {
        log("A");
        setTimeout(() => log("C"), 0);
        queueMicrotask(() => log("B"));
      }, 0);
      setTimeout(() => log("D"), 0);
    },
    expected: ["A", "B", "D", "C"],
  },
  {
    name: "microtask starvation: 1000 self-requeuing microtasks run before a due timer",
    program: () => {
      setTimeout(() => log("timeout"), 0);
      let n = 0;
      const again = () => {
        if (++n < 1000) queueMicrotask(again);
        else log(`microtasks done: ${n}`);
      };
      queueMicrotask(again);
    },
    expected: ["microtasks done: 1000", "timeout"],
  },
  {
    name: "two promise chains interleave, one link per turn of the microtask queue",
    program: () => {
      const p = Promise.resolve();
      p.then(() => log("a1")).then(() => log("a2")).then(() => log("a3"));
      p.then(() => log("b1")).then(() => log("b2"));
    },
    expected: ["a1", "b1", "a2", "b2", "a3"],
  },
  {
    name: "returning a promise from then costs two extra ticks",
    program: () => {
      Promise.resolve().then(() => {
        log("0");
        return Promise.resolve("4");
      }).then((x) => log(x));
      Promise.resolve().then(() => log("1")).then(() => log("2")).then(() => log("3"))
        .then(() => log("5")).then(() => log("6"));
    },
    expected: ["0", "1", "2", "3", "4", "5", "6"],
  },
  {
    name: "setInterval with a timer set from its second tick",
    program: () => {
      let n = 0;
      const handle = setInterval(() => {
        log(`tick ${++n}`);
        if (n === 2) setTimeout(() => log("timeout"), 0);
        if (n === 3) clearInterval(handle);
      }, 10);
    },
    expected: ["tick 1", "tick 2", "timeout", "tick 3"],
  },
  {
    name: "each timer's microtasks run before the next timer",
    program: () => {
      setTimeout(() => {
        log("t1");
        Promise.resolve().then(() => log("p in t1"));
      }, 0);
      setTimeout(() => log("t2"), 0);
    },
    expected: ["t1", "p in t1", "t2"],
  },
  {
    name: "await in a loop gets ahead of a then chain started after it",
    program: () => {
      (async () => {
        for (let i = 0; i < 3; i++) {
          log(`a${i}`);
          await null;
        }
      })();
      Promise.resolve().then(() => log("b0")).then(() => log("b1")).then(() => log("b2"));
    },
    expected: ["a0", "a1", "b0", "a2", "b1", "b2"],
  },
  {
    name: "a rejection passes through a then before its catch",
    program: () => {
      Promise.reject(new Error("x")).then(() => log("never")).catch(() => log("caught"));
      Promise.resolve().then(() => log("r1")).then(() => log("r2")).then(() => log("r3"));
    },
    expected: ["r1", "caught", "r2", "r3"],
  },
  {
    name: "MessageChannel: the message comes after the microtasks",
    program: () => {
      const { port1, port2 } = new MessageChannel();
      port2.onmessage = () => {
        log("message");
        port2.close();
      };
      port1.postMessage(null);
      Promise.resolve().then(() => log("microtask"));
      log("sync");
    },
    expected: ["sync", "microtask", "message"],
  },
  {
    name: "fetch: the response comes after the synchronous code",
    program: async () => {
      log("before");
      const pending = fetch("data:text/plain,hello");
      log("after");
      log(await (await pending).text());
    },
    expected: ["before", "after", "hello"],
  },
];

/** The program's console order without traceJs: console.log captured, nothing else. */
async function plainOrder(puzzle: Puzzle): Promise<string[]> {
  const lines: string[] = [];
  const original = console.log;
  console.log = (text: string) => lines.push(text);
  try {
    await puzzle.program();
    const deadline = performance.now() + 10_000;
    while (lines.length < puzzle.expected.length && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  } finally {
    console.log = original;
  }
  return lines;
}

for (const puzzle of PUZZLES) {
  Deno.test(`traceJs: ${puzzle.name}`, async () => {
    const trace = await traceJs(puzzle.program, { echo: false });
    assert.deepEqual(trace.console, puzzle.expected, "traced order");
    assert.deepEqual(await plainOrder(puzzle), puzzle.expected, "order without traceJs");
    // The player's view at the end holds exactly the printed lines, and nothing pending.
    const last = loopViews(trace.events).at(-1)!;
    assert.deepEqual(last.log, puzzle.expected);
    assert.deepEqual([last.ready, last.timers, last.io], [[], [], []]);
  });
}

Deno.test("traceJs: the starved timer is due during all 1000 microtasks, and the player shows it waiting", async () => {
  const trace = await traceJs(PUZZLES[3].program, { echo: false });
  const views = loopViews(trace.events);
  const runs = trace.events.filter((e) => e.kind === "callback");
  assert.equal(runs.length, 1001);
  const fired = trace.events.findIndex((e) => e.kind === "timer-fired");
  const lastMicrotask = trace.events.findLastIndex((e) =>
    e.kind === "callback" && e.name === "again"
  );
  assert.ok(lastMicrotask < fired, "every microtask ran before the timer fired");
  assert.ok(views[lastMicrotask + 1].timers.length === 1, "the timer was still waiting");
  assert.ok(views.some((v) => v.ready.length === 1 && v.ready[0].name === "again"));
});

Deno.test("traceJs: says what it cannot see, records where things were scheduled, and restores the globals", async () => {
  const before = [globalThis.setTimeout, Promise.prototype.then, globalThis.queueMicrotask];
  const trace = await traceJs(() => {
    queueMicrotask(function here() {});
  }, { echo: false });
  assert.deepEqual(
    [globalThis.setTimeout, Promise.prototype.then, globalThis.queueMicrotask],
    before,
  );
  assert.ok(trace.unseen.some((line) => line.includes("await")));
  const queued = trace.events.find((e) => e.kind === "ready-scheduled");
  assert.match(String(queued && "where" in queued && queued.where), /trace_js_test\.ts:\d+:\d+/);
});

Deno.test("traceJs: a program that throws restores the globals and rethrows", async () => {
  const then = Promise.prototype.then;
  await assert.rejects(
    traceJs(() => {
      throw new Error("boom");
    }, { echo: false }),
    /boom/,
  );
  assert.equal(Promise.prototype.then, then);
});

Deno.test("traceJs: an interval nobody clears is stopped at the time limit, with a note", async () => {
  const trace = await traceJs(() => {
    setInterval(() => {}, 5);
  }, { echo: false, timeLimitMs: 50 });
  const limit = trace.events.at(-1)!;
  assert.equal(limit.kind, "limit");
  assert.match(limit.kind === "limit" ? limit.text : "", /1 timer\(s\)/);
});
