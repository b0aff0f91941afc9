/**
 * Checks for `09-selector-echo`: the learner's per-event step runs a selector
 * echo server on a simulated network with 1 KiB buffers; clients check every
 * byte of their echo. The reference step gives the expected finishing time.
 *
 * @module
 */
import { defineChecks, expectClose, expectFunction, fail } from "@course/lib";
import { type HandleEvent, referenceHandleEvent, runHarness } from "./reference.ts";

type Bindings = { handleEvent: HandleEvent };

const SIZES = [8192, 8192, 8192];

async function run({ handleEvent }: Bindings, sizes: number[]) {
  expectFunction(handleEvent, "handleEvent");
  return await runHarness(handleEvent, sizes);
}

function expectEchoed(result: Awaited<ReturnType<typeof run>>): void {
  for (const [i, c] of result.value.clients.entries()) {
    if (!c.intact) {
      fail(
        `client ${i} sent ${c.sent} bytes and got ${c.got} back${
          c.got === c.sent ? ", but not the same bytes in the same order" : ""
        }: bytes that send() did not take were lost`,
      );
    }
  }
}

export default defineChecks<Bindings>([
  {
    name: "one client sending 20 bytes gets them back",
    run: async (b) => expectEchoed(await run(b, [20])),
  },
  {
    name: "three clients each sending 8 KiB through 1 KiB buffers get every byte back, in order",
    misconception: "one read from a stream returns exactly one whole message (one line)",
    run: async (b) => expectEchoed(await run(b, SIZES)),
  },
  {
    name: "the three clients are served at the same time",
    misconception: "a server on one thread can only answer its clients one after another",
    run: async (b) => {
      const mine = await run(b, SIZES);
      expectEchoed(mine);
      const want = await runHarness(referenceHandleEvent, SIZES);
      const last = (r: typeof mine) => Math.max(...r.value.clients.map((c) => c.doneAt));
      expectClose(last(mine), last(want), "the virtual time of the last echo", { tolerance: 0.05 });
    },
  },
  {
    name: "connections are unregistered and closed once their clients leave",
    misconception: "a connection whose client left stays registered with the selector",
    hidden: true,
    run: async (b) => {
      const { value } = await run(b, SIZES);
      if (value.leftRegistered > 0) fail(`${value.leftRegistered} connection(s) still registered`);
      if (value.leftOpen > 0) fail(`${value.leftOpen} connection(s) never closed`);
    },
  },
]);
