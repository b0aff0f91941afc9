/**
 * Playing a loop that is not the course's, such as the one you write in the
 * capstone: it records no trace, but its state can be read. Take a snapshot
 * after each turn (or each step), and `loopPlayer` plays the snapshots.
 *
 * @module
 */

/** What a loop holds at one moment, in names. */
export interface LoopState {
  /** The loop's clock in seconds. */
  time: number;
  /** What runs now, or `null` (the default) between steps. */
  running?: string | null;
  /** What can run now, first to run first. */
  ready: string[];
  /** What waits for a moment in time: a timer, a sleeping task. */
  timers: { when: number; name: string }[];
  /** Who waits for what, e.g. `{ task: "main", on: "join soup" }`. */
  waiting?: { task: string; on: string }[];
}

/** One step of a played loop: its whole state, and what the step did. */
export interface SnapshotEvent extends Required<LoopState> {
  /** Discriminant. */
  kind: "snapshot";
  /** What the step did, one line. */
  note: string;
  /** Equal to `time`. */
  loopTime: number;
  /** Equal to `time` (the snapshots have one clock). */
  realTime: number;
}

/**
 * Collects snapshots of a loop's state; `loopPlayer(recorder.events)` plays them.
 *
 * @example
 * ```ts
 * import { loopPlayer, SnapshotRecorder } from "@course/lib";
 * const recorder = new SnapshotRecorder();
 * recorder.snap("two tasks are ready", { time: 0, ready: ["soup", "toast"], timers: [] });
 * recorder.snap("soup sleeps until 2", { time: 0, ready: ["toast"], timers: [{ when: 2, name: "soup" }] });
 * console.log(loopPlayer(recorder.events).steps); // 2
 * ```
 */
export class SnapshotRecorder {
  /** The snapshots so far, oldest first. */
  readonly events: SnapshotEvent[] = [];

  /**
   * Records the loop's state now.
   *
   * @param note What happened since the last snapshot, e.g. `"turn 3"`.
   * @param state The loop's state (copied).
   * @returns Nothing.
   */
  snap(note: string, state: LoopState): void {
    if (!Number.isFinite(state.time)) {
      throw new TypeError(
        `SnapshotRecorder.snap: time must be a number of seconds, not ${state.time}`,
      );
    }
    this.events.push({
      kind: "snapshot",
      note,
      time: state.time,
      loopTime: state.time,
      realTime: state.time,
      running: state.running ?? null,
      ready: [...state.ready],
      timers: state.timers.map(({ when, name }) => ({ when, name })),
      waiting: (state.waiting ?? []).map(({ task, on }) => ({ task, on })),
    });
  }
}
