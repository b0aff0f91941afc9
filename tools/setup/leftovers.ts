/**
 * Finding and stopping what a run left behind. Every process a test run
 * starts inherits one environment variable with the run's own tag, also the
 * ones that leave our process tree (Jupyter in its own process group, its
 * kernels, Chromium); on Linux `/proc/<pid>/environ` shows the tag, so a run
 * can find all of them afterwards, however they were started.
 *
 * @module
 */

/** The environment variable that tags a run's processes. */
export const RUN_TAG_VARIABLE = "COURSE_RUN_TAG";

/** A process found by its tag. */
export interface TaggedProcess {
  /** Its process id. */
  pid: number;
  /** Its command line, for messages. */
  command: string;
}

/**
 * The processes whose environment carries `COURSE_RUN_TAG=<tag>` (Linux;
 * elsewhere none can be found, and the list is empty).
 *
 * @param tag the run's tag
 * @returns the processes, this one excluded
 * @example
 * ```ts
 * const left = await taggedProcesses("no-such-tag");
 * console.log(left.length); // 0
 * ```
 */
export async function taggedProcesses(tag: string): Promise<TaggedProcess[]> {
  const needle = new TextEncoder().encode(`\0${RUN_TAG_VARIABLE}=${tag}\0`);
  const found: TaggedProcess[] = [];
  let entries: Deno.DirEntry[];
  try {
    entries = [...Deno.readDirSync("/proc")];
  } catch {
    return found;
  }
  for (const entry of entries) {
    const pid = Number(entry.name);
    if (!Number.isInteger(pid) || pid === Deno.pid) continue;
    try {
      // A leading NUL so that the first variable matches like the others.
      const environ = new Uint8Array([0, ...await Deno.readFile(`/proc/${pid}/environ`)]);
      if (!contains(environ, needle)) continue;
      const cmdline = await Deno.readTextFile(`/proc/${pid}/cmdline`);
      if (cmdline === "") continue; // a zombie: already dead, only not reaped yet
      found.push({ pid, command: cmdline.split("\0").join(" ").trim().slice(0, 160) });
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return found;
}

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

function signal(pid: number, sig: Deno.Signal): void {
  try {
    Deno.kill(pid, sig);
  } catch {
    // Already gone.
  }
}

/**
 * Stops every process tagged with `tag`: SIGTERM first (Jupyter then shuts
 * its kernels down), SIGKILL for what is still there after `graceMs`.
 *
 * @param tag the run's tag
 * @param graceMs how long to wait between SIGTERM and SIGKILL
 * @returns the processes that were found running
 * @example
 * ```ts
 * const stopped = await stopTagged("no-such-tag");
 * console.log(stopped); // []
 * ```
 */
export async function stopTagged(tag: string, graceMs = 3000): Promise<TaggedProcess[]> {
  const found = await taggedProcesses(tag);
  if (found.length === 0) return found;
  for (const p of found) signal(p.pid, "SIGTERM");
  const deadline = Date.now() + graceMs;
  let left = found;
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    left = await taggedProcesses(tag);
  }
  for (const p of left) signal(p.pid, "SIGKILL");
  return found;
}
