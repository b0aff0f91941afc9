/**
 * The harness of the CPython ports: each test in this folder is one of CPython's own asyncio
 * tests (Lib/test/test_asyncio/<file>.py), translated to the course's API and named
 * `"<file>: <test>"` after the test it ports. `port` registers a test that must behave as
 * CPython specifies; `differs` registers one where the course differs from CPython on purpose:
 * it asserts the course's documented behaviour, and its reason is shown in the test's name.
 * `tally.ts` counts both kinds (and the skipped tests listed in SKIPPED.md).
 *
 * @module
 */
import { type Coroutine, type EventLoop, type ExceptionContext, isCoroutine } from "@course/lib";
import { recordingLoop } from "../loop/_helpers.ts";

/**
 * A port's body: gets a fresh virtual-clock loop (closed afterwards) and its recorded errors.
 * A generator function is run as a task on that loop, as CPython's `IsolatedAsyncioTestCase`
 * runs an `async def test_...`.
 */
export type PortBody = (
  loop: EventLoop,
  errors: ExceptionContext[],
) => void | Promise<void> | Coroutine<unknown>;

/** One registered port: its CPython file, test name, and whether it differs on purpose. */
export interface PortRecord {
  file: string;
  name: string;
  /** The documented reason, for a deliberate difference; null for a port that matches. */
  differsBecause: string | null;
}

/**
 * Every port registered so far in this process. `tally.ts` imports the test files under
 * `deno run` (where Deno.test registers nothing) and counts them from here.
 */
export const registry: PortRecord[] = [];

/** The two ways to register a ported test of one CPython file. */
export interface PortedFile {
  /** A test that passes as CPython specifies. */
  port(name: string, body: PortBody): void;
  /** A test where the course differs on purpose; `why` names the documented difference. */
  differs(name: string, why: string, body: PortBody): void;
}

/**
 * The registrar for one CPython test file.
 * @param file CPython's file name without `.py`, e.g. `"test_futures"`.
 * @returns `port` and `differs`, which register Deno tests named after CPython's.
 */
export function cpython(file: string): PortedFile {
  const register = (title: string, body: PortBody) =>
    Deno.test(title, async () => {
      const { loop, errors } = recordingLoop();
      try {
        const outcome = body(loop, errors);
        if (isCoroutine(outcome)) await loop.runUntilComplete(outcome);
        else await outcome;
      } finally {
        if (!loop.isRunning()) loop.close();
      }
    });
  return {
    port: (name, body) => {
      registry.push({ file, name, differsBecause: null });
      register(`${file}: ${name}`, body);
    },
    differs: (name, why, body) => {
      registry.push({ file, name, differsBecause: why });
      register(`${file}: ${name} (deliberate difference: ${why})`, body);
    },
  };
}

/**
 * CPython's `test_utils.run_briefly(loop)`: runs the loop until a task whose coroutine returns
 * at once is done, which lets every ready task take exactly two steps.
 * @param loop A loop that is not running.
 */
export async function runBriefly(loop: EventLoop): Promise<void> {
  await loop.runUntilComplete(once());
}

function* once(): Coroutine<void> {}

/**
 * CPython's `with self.assertRaises(kind):` around a block, with unittest's semantics: the
 * expected error is swallowed, no error fails the test, and any other error passes through.
 * @param coro The block, as a coroutine.
 * @param kind The error class expected.
 */
export function* pyAssertRaises(
  coro: Coroutine<unknown>,
  // deno-lint-ignore no-explicit-any
  kind: new (...args: any[]) => Error,
): Coroutine<void> {
  try {
    yield* coro;
  } catch (error) {
    if (error instanceof kind) return;
    throw error;
  }
  throw new Error(`${kind.name} not raised`);
}

/**
 * Runs `coro` and returns what it throws, as CPython's `with self.assertRaises(...) as cm:` gives
 * `cm.exception`.
 * @param coro The block, as a coroutine.
 * @returns The error it threw.
 * @throws {Error} If it threw nothing.
 */
export function* caught(coro: Coroutine<unknown>): Coroutine<unknown> {
  try {
    yield* coro;
  } catch (error) {
    return error;
  }
  throw new Error("expected an error, nothing was thrown");
}
