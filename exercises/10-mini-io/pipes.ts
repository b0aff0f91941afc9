/**
 * In-memory connections for `10-mini-io` that live on the learner's callback
 * loop: bytes sent on one end reach the other after a latency, delivered by
 * a timer on the same loop, so the whole network runs on its virtual clock.
 * An end is readable when bytes are waiting (or the other end has closed).
 *
 * @module
 */

/** The stage-1 loop, as the learner's cells define it. */
export interface CallbackLoop {
  now: number;
  ready: (() => void)[];
  timers: { when: number; callback: () => void }[];
}

/** One end of a connection. */
export interface PipeEnd {
  /** True when recv would return something (bytes, or "" at end of file). */
  readonly readable: boolean;
  /** Queues a string for the other end; it arrives after the latency. */
  send(text: string): void;
  /** Everything that has arrived, at once; "" after the other end closed. */
  recv(): string;
  /** Closes this side (once); the other end reads "" once what was sent has arrived. */
  close(): void;
  /** How many times recv was called while nothing had arrived (a loop that polls blindly). */
  readonly emptyReads: number;
}

function addTimer(loop: CallbackLoop, when: number, callback: () => void): void {
  const i = loop.timers.findIndex((t) => t.when > when);
  loop.timers.splice(i === -1 ? loop.timers.length : i, 0, { when, callback });
}

/**
 * Makes a connection with two ends.
 *
 * @param loop The loop whose clock and timers carry the bytes.
 * @param latency Seconds from send to arrival.
 * @returns The two ends.
 */
export function pipe(loop: CallbackLoop, latency: number): [PipeEnd, PipeEnd] {
  interface State {
    inbox: string;
    eof: boolean;
    closed: boolean;
    emptyReads: number;
    peer: State | null;
  }
  const make = (): State => ({ inbox: "", eof: false, closed: false, emptyReads: 0, peer: null });
  const a = make(), b = make();
  a.peer = b;
  b.peer = a;
  const end = (me: State): PipeEnd => ({
    get readable() {
      return me.inbox.length > 0 || me.eof;
    },
    get emptyReads() {
      return me.emptyReads;
    },
    send(text) {
      addTimer(loop, loop.now + latency, () => (me.peer!.inbox += text));
    },
    recv() {
      if (me.inbox.length === 0 && !me.eof) me.emptyReads++;
      const text = me.inbox;
      me.inbox = "";
      return text;
    },
    close() {
      if (me.closed) return; // closing twice changes nothing
      me.closed = true;
      addTimer(loop, loop.now + latency, () => (me.peer!.eof = true));
    },
  });
  return [end(a), end(b)];
}
