/**
 * The processes a process started, read from Linux's `/proc`: what the hub
 * test and `deno task hub` use to prove that stopping the hub left nothing
 * behind.
 *
 * @module
 */

/** One process: its id, its parent's, and its command line. */
export interface ProcessInfo {
  /** Process id. */
  pid: number;
  /** Parent process id. */
  ppid: number;
  /** The command line, arguments joined by spaces (may be empty for zombies). */
  command: string;
}

async function readProcess(pid: number): Promise<ProcessInfo | null> {
  try {
    const stat = await Deno.readTextFile(`/proc/${pid}/stat`);
    // The command name (field 2) is in parentheses and may hold spaces: parse after its ")".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (fields[0] === "Z") return null; // a zombie has exited; only its exit status is left
    const cmdline = await Deno.readTextFile(`/proc/${pid}/cmdline`);
    return { pid, ppid: Number(fields[1]), command: cmdline.split("\0").join(" ").trim() };
  } catch {
    return null; // exited while we looked
  }
}

/**
 * Every live process on the machine.
 *
 * @returns the processes, by pid
 */
export async function listProcesses(): Promise<ProcessInfo[]> {
  const all: ProcessInfo[] = [];
  for await (const entry of Deno.readDir("/proc")) {
    if (!/^\d+$/.test(entry.name)) continue;
    const info = await readProcess(Number(entry.name));
    if (info) all.push(info);
  }
  return all;
}

/**
 * The live descendants of a process (children, their children, ...).
 *
 * @param root the ancestor's pid
 * @returns the descendants, root excluded
 * @example
 * ```ts
 * const tree = await descendants(Deno.pid);
 * console.log(tree.map((p) => p.command));
 * ```
 */
export async function descendants(root: number): Promise<ProcessInfo[]> {
  const all = await listProcesses();
  const found: ProcessInfo[] = [];
  let frontier = new Set([root]);
  while (frontier.size) {
    const next = new Set<number>();
    for (const p of all) {
      if (frontier.has(p.ppid)) {
        found.push(p);
        next.add(p.pid);
      }
    }
    frontier = next;
  }
  return found;
}

/**
 * Which of these processes are still alive (same pid, same command line, so
 * that a reused pid is not mistaken for a survivor).
 *
 * @param processes processes seen earlier
 * @returns those still running
 */
export async function stillAlive(processes: ProcessInfo[]): Promise<ProcessInfo[]> {
  const alive: ProcessInfo[] = [];
  for (const p of processes) {
    const now = await readProcess(p.pid);
    if (now && now.command === p.command) alive.push(p);
  }
  return alive;
}
