/**
 * `OutputRecorder`: turns iopub messages into nbformat outputs, the way a
 * notebook front end does (including `clear_output` and `update_display_data`).
 *
 * @module
 */
import type { MultilineText, Output } from "./notebook_schema.ts";

/** The iopub message types that change a cell's outputs. */
export const OUTPUT_MESSAGE_TYPES: ReadonlySet<string> = new Set([
  "stream",
  "display_data",
  "execute_result",
  "error",
  "update_display_data",
  "clear_output",
]);

/** The `content` of an iopub message, as the kernel sent it (its fields depend on the type). */
// deno-lint-ignore no-explicit-any
export type IopubContent = Record<string, any>;

function displayId(content: IopubContent): string | undefined {
  const id = content.transient?.display_id;
  return typeof id === "string" ? id : undefined;
}

/**
 * Collects the outputs of one notebook's cells, one cell at a time.
 *
 * @example
 * ```ts
 * const recorder = new OutputRecorder();
 * const outputs = recorder.startCell();
 * recorder.record("stream", { name: "stdout", text: "hi\n" });
 * // outputs: [{ output_type: "stream", name: "stdout", text: "hi\n" }]
 * ```
 */
export class OutputRecorder {
  /** Outputs that carry a display id, by id, so later updates can find them in any cell. */
  #displays = new Map<string, Output[]>();
  #current: Output[] = [];
  /** Set by `clear_output` with `wait: true`: clear just before the next output arrives. */
  #clearBeforeNext = false;

  /**
   * Starts collecting for the next cell.
   *
   * @returns the array that this cell's outputs are appended to
   */
  startCell(): Output[] {
    this.#current = [];
    this.#clearBeforeNext = false;
    return this.#current;
  }

  /**
   * Applies one iopub message to the current cell.
   *
   * @param msgType the message's `header.msg_type`
   * @param content the message's content
   * @returns true when the message type is one that concerns outputs
   */
  record(msgType: string, content: IopubContent): boolean {
    switch (msgType) {
      case "clear_output":
        if (content.wait) this.#clearBeforeNext = true;
        else this.#current.length = 0;
        return true;
      case "update_display_data": {
        const id = displayId(content);
        for (const output of (id && this.#displays.get(id)) || []) {
          if (output.output_type === "display_data" || output.output_type === "execute_result") {
            output.data = content.data;
            output.metadata = content.metadata ?? {};
          }
        }
        return true;
      }
      case "stream":
        this.#push({
          output_type: "stream",
          name: content.name,
          text: content.text as MultilineText,
        });
        return true;
      case "display_data":
        this.#push(
          { output_type: "display_data", data: content.data, metadata: content.metadata ?? {} },
          displayId(content),
        );
        return true;
      case "execute_result":
        this.#push(
          {
            output_type: "execute_result",
            execution_count: content.execution_count ?? null,
            data: content.data,
            metadata: content.metadata ?? {},
          },
          displayId(content),
        );
        return true;
      case "error":
        this.#push({
          output_type: "error",
          ename: String(content.ename),
          evalue: String(content.evalue),
          traceback: (content.traceback ?? []).map(String),
        });
        return true;
      default:
        return false;
    }
  }

  #push(output: Output, id?: string): void {
    if (this.#clearBeforeNext) {
      this.#current.length = 0;
      this.#clearBeforeNext = false;
    }
    this.#current.push(output);
    if (id) this.#displays.set(id, [...(this.#displays.get(id) ?? []), output]);
  }
}
