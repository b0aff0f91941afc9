import assert from "node:assert/strict";
import { type Coroutine, EventLoop, loopPlayer, sleep, traceJs } from "@course/lib";

function* ticker(n: number): Coroutine<void> {
  for (let i = 0; i < n; i++) yield* sleep(1);
}

async function tracedLoop(ticks: number): Promise<EventLoop> {
  const loop = new EventLoop({ clock: "virtual", trace: true });
  await loop.runUntilComplete(loop.createTask(ticker(ticks), { name: "ticker" }));
  return loop;
}

function bundleOf(player: object): Record<string, string> {
  // deno-lint-ignore no-explicit-any
  return (player as any)[Symbol.for("Jupyter.display")]();
}

Deno.test("loopPlayer displays one self-contained text/html player with an SVG fallback and text", async () => {
  const loop = await tracedLoop(3);
  const bundle = bundleOf(loopPlayer(loop, { title: "three ticks" }));
  assert.deepEqual(Object.keys(bundle).sort(), ["image/svg+xml", "text/html", "text/plain"]);
  const html = bundle["text/html"];
  assert.match(html, /<svg[^>]*>/, "the strip is inside the HTML");
  assert.match(html, /<script>/);
  assert.doesNotMatch(html, /<script[^>]+src=|<link|(src|href)="https?:/, "nothing is fetched");
  assert.match(html, /the steps as text/);
  assert.match(bundle["text/plain"], /^three ticks: \d+ steps, t = 0 to 3 s/);
  loop.close();
});

Deno.test("two players get different ids, so they never share state", async () => {
  const loop = await tracedLoop(1);
  const ids = [loopPlayer(loop), loopPlayer(loop)].map((p) => /id="(lp-[^"]+)"/.exec(p.html)![1]);
  assert.notEqual(ids[0], ids[1]);
  loop.close();
});

Deno.test("a long trace is windowed, with a note that says how to see the rest", async () => {
  const loop = await tracedLoop(50);
  const total = loop.trace({ queues: true }).length;
  const player = loopPlayer(loop, { maxSteps: 100 });
  assert.equal(player.steps, total);
  assert.match(
    player.html,
    new RegExp(`This trace has ${total} steps; the player holds steps 1 to 100`),
  );
  assert.match(player.html, /Pass \{ from: 100 \}/);
  const later = loopPlayer(loop, { from: 100, maxSteps: 100 });
  assert.match(later.html, /data-first="101"/);
  loop.close();
});

Deno.test("bad input gets an error that says what to pass", async () => {
  assert.throws(() => loopPlayer(new EventLoop()), /new EventLoop\(\{ trace: true \}\)/);
  assert.throws(() => loopPlayer([{ kind: "nonsense" }] as never), /step 1 is not a trace event/);
  assert.throws(() => loopPlayer(42 as never), /pass a loop made with/);
  const loop = await tracedLoop(1);
  assert.throws(() => loopPlayer(loop.trace()), /no queue events.*trace\(\{ queues: true \}\)/);
  loop.close();
});

Deno.test("a traceJs trace plays with Deno's words for the queues", async () => {
  const trace = await traceJs(() => {
    queueMicrotask(() => console.log("hi"));
  }, { echo: false });
  const player = loopPlayer(trace);
  assert.match(player.html, /microtask queue/);
  assert.match(player.text, /printed: hi/);
});
