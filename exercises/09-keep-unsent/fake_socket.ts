/**
 * A stand-in socket for the selector-echo warm-ups: `send` takes at most as
 * many bytes as its next capacity allows (0: it raises BlockingIOError, as a
 * full kernel buffer does), and records every byte it took, in order.
 *
 * @module
 */
import { BlockingIOError } from "@course/lib";

/** The fake socket and what it took. */
export interface FakeSocket {
  send(bytes: Uint8Array): number;
  /** Every byte taken so far, in order. */
  taken(): Uint8Array;
  /** How many times send was called. */
  calls: number;
}

/**
 * Makes a fake socket.
 *
 * @param capacities How many bytes each successive send may take; the last one repeats.
 * @returns The socket.
 */
export function fakeSocket(capacities: number[]): FakeSocket {
  const taken: number[] = [];
  let call = 0;
  return {
    calls: 0,
    send(bytes: Uint8Array): number {
      this.calls++;
      const room = capacities[Math.min(call++, capacities.length - 1)];
      if (room === 0) throw new BlockingIOError("send");
      const n = Math.min(room, bytes.length);
      taken.push(...bytes.subarray(0, n));
      return n;
    },
    taken: () => Uint8Array.from(taken),
  };
}

/** `count` bytes counting up from `from` (mod 256), so that order and loss show. */
export const bytes = (from: number, count: number): Uint8Array =>
  Uint8Array.from({ length: count }, (_, i) => (from + i) % 256);
