/**
 * `timeWrites`: the same file writes with and without `fsync`, timed on the
 * wall clock and on the process's CPU clock. Without `fsync` a write only
 * copies bytes into the kernel's page cache (memory) and returns; the disk is
 * written later. With `syncData()` (`fdatasync`) the call returns only once the
 * device has the bytes: that is the real wait for a disk.
 *
 * @module
 */
import { measure } from "./stopwatch.ts";

/** Options for {@linkcode timeWrites}. */
export interface TimeWritesOptions {
  /** How many writes. Default 20. */
  writes?: number;
  /** Bytes per write. Default 64 KiB. */
  bytes?: number;
  /** Call `syncData()` after each write, so each write waits for the device. */
  sync: boolean;
  /**
   * The folder for the scratch file; default the system's temporary folder. If
   * it lives in memory (tmpfs), `fsync` has no device to wait for: pass a folder on a disk.
   */
  dir?: string;
}

/** What {@linkcode timeWrites} measured. */
export interface TimedWrites {
  /** Wall-clock milliseconds for all the writes. */
  wallMs: number;
  /** Milliseconds the process spent on a CPU meanwhile (every thread). */
  cpuMs: number;
  /** Writes made. */
  writes: number;
  /** Bytes written in all. */
  bytes: number;
}

/**
 * Writes `writes` blocks of `bytes` bytes to a scratch file (removed after),
 * with or without `fsync`, and reports the wall and CPU time of the writes.
 * @param options Write count and size, `sync`, and the folder.
 * @returns Wall and CPU milliseconds.
 * @example
 * ```ts
 * import { timeWrites } from "@course/lib";
 * const cached = await timeWrites({ sync: false, writes: 5 });
 * const synced = await timeWrites({ sync: true, writes: 5 });
 * console.log(cached.wallMs < synced.wallMs); // usually true: only the synced writes wait for the disk
 * ```
 */
export async function timeWrites(options: TimeWritesOptions): Promise<TimedWrites> {
  const writes = options.writes ?? 20, bytes = options.bytes ?? 64 * 1024;
  const path = await Deno.makeTempFile({ dir: options.dir, prefix: "course-write-" });
  const block = new Uint8Array(bytes).fill(42);
  try {
    using file = await Deno.open(path, { write: true });
    const { wallMs, cpuMs } = await measure(async () => {
      for (let i = 0; i < writes; i++) {
        await file.write(block); // short writes do not happen for regular files
        if (options.sync) await file.syncData();
      }
    });
    return { wallMs, cpuMs, writes, bytes: writes * bytes };
  } finally {
    await Deno.remove(path);
  }
}
