/**
 * "Play your failing run": the step player for the trace of the first failed
 * check that carries one, folded under a link in the check card.
 *
 * @module
 */
import type { ChecksOutcome } from "./outcome.ts";

/**
 * The player of the learner's failing run, inside a closed `<details>`, or
 * `null` when no failed check carries a playable trace.
 *
 * @param outcome What `runChecks` returned.
 * @returns An HTML fragment, or `null`.
 * @example
 * ```ts
 * import { failurePlayer } from "@course/lib/notebook/failure_player.ts";
 * console.log(await failurePlayer({ passed: true, checks: [] } as never)); // null
 * ```
 */
export async function failurePlayer(outcome: ChecksOutcome): Promise<string | null> {
  const failed = outcome.checks.find((c) => !c.passed && c.trace && c.trace.length > 0);
  if (!failed?.trace) return null;
  try {
    // Loaded lazily, as the failure timeline is: most check runs need no player.
    const { loopPlayer } = await import("../player/loop_player.ts");
    const player = loopPlayer(failed.trace as never, {
      title: `Your run: ${failed.name}`,
      strip: false, // folded away, a chart would have no size; the timeline above shows the run
    });
    return `<details class="check-player"><summary>play your failing run, step by step</summary>${player.html}</details>`;
  } catch {
    return null; // a trace the player cannot read (no queue events): the timeline still shows
  }
}
