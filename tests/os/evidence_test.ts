/**
 * The five evidence cells' claims, asserted in the direction the prose states
 * (never against a speed: the machine may be busy).
 */
import assert from "node:assert/strict";
import {
  fileBurst,
  hasProc,
  measureContextSwitches,
  measurePythonGil,
  measureThreadCpu,
  type SlowServerEvent,
  socketBurst,
  startRemoteSlowServer,
  startSlowServer,
  timeWrites,
  withBusyCores,
} from "@course/lib";

const linux = hasProc();
const busyFor = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end) { /* compute */ }
};

Deno.test({
  name: "sockets are served on the JavaScript thread, files on the blocking pool",
  ignore: !linux,
  async fn() {
    const sockets = await measureThreadCpu(() => socketBurst(1_000));
    const files = await measureThreadCpu(() => fileBurst(400));
    assert.ok(
      sockets.byRole.javascript > sockets.byRole["blocking pool"],
      `socket burst: ${JSON.stringify(sockets.byRole)}`,
    );
    assert.ok(
      files.byRole["blocking pool"] > files.byRole.javascript,
      `file burst: ${JSON.stringify(files.byRole)}`,
    );
  },
});

Deno.test({
  name: "a sleep switches out voluntarily, a busy loop on busy cores involuntarily",
  ignore: !linux,
  async fn() {
    const nap = await measureContextSwitches(async () => {
      for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 10));
    });
    const loop = await withBusyCores(() => measureContextSwitches(() => busyFor(300)));
    assert.ok(nap.voluntary >= 10, `20 sleeps, ${nap.voluntary} voluntary switches`);
    assert.ok(loop.involuntary >= 1, `busy loop: ${JSON.stringify(loop)}`);
    assert.ok(loop.voluntary < nap.voluntary, `busy ${loop.voluntary} vs nap ${nap.voluntary}`);
  },
});

Deno.test("CPython threads never run the job's bytecode in parallel (when the GIL is on)", async () => {
  const real = await measurePythonGil({ iterations: 1_000_000 });
  if (real === null) return; // no python3: the cell skips in the same way
  assert.match(real.version, /^\d+\.\d+/);
  if (real.gilEnabled) {
    // Two jobs' CPU time cannot exceed the wall time when one lock serialises them.
    const { cpu, wall } = real.twoThreads;
    assert.ok(cpu <= wall * 1.15 + 0.01, `threads: ${cpu} s CPU in ${wall} s wall`);
  }
});

Deno.test("fsync makes writes wait for the device; cached writes do not", async () => {
  const best = async (sync: boolean) => {
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await timeWrites({ sync, writes: 100, bytes: 4096 }));
    return Math.min(...runs.map((r) => r.wallMs));
  };
  const cached = await best(false), synced = await best(true);
  assert.ok(synced > cached, `synced ${synced} ms vs cached ${cached} ms`);
});

Deno.test({
  name: "a server in a Worker answers while this thread computes; one on this thread cannot",
  async fn() {
    const epoch = () => performance.timeOrigin + performance.now();
    const answeredAfterBusy = async (
      url: string,
      arrival: () => Promise<unknown>,
      events: () => readonly SlowServerEvent[],
    ) => {
      const page = fetch(new URL("/b", url)).then((r) => r.text());
      await arrival();
      busyFor(300);
      const busyEnd = epoch();
      await page;
      const answered = events().find((e) => e.kind === "answered");
      assert.ok(answered);
      return answered.at - busyEnd;
    };
    await using remote = await startRemoteSlowServer({ delayMs: 100 });
    const inWorker = await answeredAfterBusy(
      remote.url,
      () => remote.nextArrival(),
      () => remote.events,
    );
    const local: SlowServerEvent[] = [];
    let arrived: () => void = () => {};
    await using server = startSlowServer({
      delayMs: 100,
      onEvent: (e) => (local.push(e), e.kind === "arrived" && arrived()),
    });
    const onThread = await answeredAfterBusy(
      server.url,
      () => new Promise<void>((r) => arrived = r),
      () => local,
    );
    assert.ok(inWorker < 0, `the Worker answered ${inWorker} ms after the loop ended`);
    assert.ok(onThread >= 0, `the same-thread server answered ${onThread} ms after it`);
  },
});
