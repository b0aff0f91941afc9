/**
 * `CellExecutor`: runs cells on a Deno kernel one at a time and gives each the
 * outputs it really produced, using a sentinel as an output barrier.
 *
 * Why a barrier: Deno's kernel (2.9) queues everything a cell prints or
 * returns on one channel that a separate task drains onto iopub, stamping each
 * message with whichever request is current *when it is drained*. So a cell's
 * `execute_reply` and `idle` status can overtake its own outputs, and those
 * late outputs then carry the parent header of the next request. Neither
 * "stop at idle" nor "match parent_header" attributes them correctly.
 *
 * The channel is first-in first-out, though. After a cell's `execute_reply`,
 * we run a silent cell that pushes a unique token onto the same channel
 * (`Deno.jupyter.broadcast`). Every output that arrives before the token
 * belongs to the cell just run, whatever its parent header says; the token
 * itself is dropped. No sleeps, no retries.
 *
 * @module
 */
import type { Kernel, KernelMessage } from "@jupyterlab/services";
import type { Output } from "./notebook_schema.ts";
import { OutputRecorder } from "./output_recorder.ts";

/** What one cell's execution produced. */
export interface CellExecution {
  /** The kernel's execution counter for the cell (null if the kernel gave none). */
  executionCount: number | null;
  /** Outputs in arrival order, as nbformat outputs. */
  outputs: Output[];
  /** The `execute_reply` status. */
  status: "ok" | "error" | "aborted";
}

/** Why a cell did not finish: it ran out of time, or the kernel died under it. */
export class CellInterruptedError extends Error {
  /** `Timeout` or `KernelDied`. */
  readonly reason: "Timeout" | "KernelDied";
  /**
   * Creates the error.
   *
   * @param reason what happened
   * @param message a description for people
   */
  constructor(reason: "Timeout" | "KernelDied", message: string) {
    super(message);
    this.name = "CellInterruptedError";
    this.reason = reason;
  }
}

/** Kernel states after which no reply will ever come. */
const DEAD_STATES: ReadonlySet<string> = new Set(["dead", "autorestarting", "restarting"]);

/**
 * Runs cells on one kernel connection, in order, with an output barrier after each.
 *
 * @example
 * ```ts
 * const executor = new CellExecutor(kernel);
 * const { outputs } = await executor.execute("1 + 1", 60_000);
 * executor.dispose();
 * ```
 */
export class CellExecutor {
  readonly #kernel: Kernel.IKernelConnection;
  readonly #recorder = new OutputRecorder();
  /** The token the barrier is waiting for, and what to call when it arrives. */
  #barrier: { token: string; arrived: () => void } | null = null;
  /** Rejects the cell in progress when the kernel dies. */
  #onDeath: ((error: Error) => void) | null = null;

  /**
   * Listens to the kernel's messages and status; call {@link dispose} when done.
   *
   * @param kernel a connected kernel of kernelspec `deno`
   */
  constructor(kernel: Kernel.IKernelConnection) {
    this.#kernel = kernel;
    kernel.iopubMessage.connect(this.#onIopub, this);
    kernel.statusChanged.connect(this.#onStatus, this);
  }

  #onIopub(_: Kernel.IKernelConnection, msg: KernelMessage.IIOPubMessage): void {
    const content = msg.content as Record<string, unknown>;
    if (
      this.#barrier && msg.header.msg_type === "stream" && content.text === this.#barrier.token
    ) {
      this.#barrier.arrived();
      return;
    }
    this.#recorder.record(msg.header.msg_type, content);
  }

  #onStatus(_: Kernel.IKernelConnection, status: Kernel.Status): void {
    if (DEAD_STATES.has(status)) {
      this.#onDeath?.(
        new CellInterruptedError("KernelDied", `the kernel died (status: ${status})`),
      );
    }
  }

  /**
   * Runs one cell and waits until all of its outputs are in.
   *
   * @param code the cell's source
   * @param timeoutMs how long the cell and its barrier may take together
   * @returns the execution count, outputs and reply status
   * @throws CellInterruptedError on timeout or when the kernel dies
   */
  async execute(code: string, timeoutMs: number): Promise<CellExecution> {
    const outputs = this.#recorder.startCell();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const interrupted = new Promise<never>((_, reject) => {
      this.#onDeath = reject;
      timer = setTimeout(
        () =>
          reject(new CellInterruptedError("Timeout", `the cell did not finish in ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    try {
      const reply = await Promise.race([this.#request(code, false), interrupted]);
      await Promise.race([this.#barrierAfter(), interrupted]);
      const content = reply.content as {
        status: CellExecution["status"];
        execution_count?: number;
      };
      return {
        executionCount: content.execution_count ?? null,
        outputs,
        status: content.status,
      };
    } finally {
      clearTimeout(timer);
      this.#onDeath = null;
      this.#barrier = null;
    }
  }

  /** Sends an execute request and resolves with its reply once the kernel is done with it. */
  #request(code: string, silent: boolean): Promise<KernelMessage.IExecuteReplyMsg> {
    const future = this.#kernel.requestExecute({
      code,
      silent,
      store_history: !silent,
      allow_stdin: false,
      stop_on_error: false,
    });
    return future.done;
  }

  /** Resolves once every output queued before now has arrived. */
  async #barrierAfter(): Promise<void> {
    const token = `nb-barrier-${crypto.randomUUID()}`;
    const arrived = new Promise<void>((resolve) => {
      this.#barrier = { token, arrived: resolve };
    });
    const code = `Deno.jupyter.broadcast("stream", { name: "stdout", text: ${
      JSON.stringify(token)
    } });`;
    await Promise.all([this.#request(code, true), arrived]);
  }

  /** Stops listening to the kernel. */
  dispose(): void {
    this.#kernel.iopubMessage.disconnect(this.#onIopub, this);
    this.#kernel.statusChanged.disconnect(this.#onStatus, this);
  }
}
