/**
 * The Jupyter notebook format (nbformat 4) as zod schemas, and the types
 * inferred from them. Unknown fields are kept, so a notebook survives a round
 * trip through the runner unchanged apart from what the runner sets.
 *
 * @module
 */
import { z } from "zod";

/** Text that nbformat stores either as one string or as a list of lines. */
export const MultilineText = z.union([z.string(), z.array(z.string())]);
/** A string or a list of lines, as stored in a notebook. */
export type MultilineText = z.infer<typeof MultilineText>;

/** A MIME bundle: MIME type to data (text as string or lines, JSON as a value). */
export const MimeBundle = z.record(z.string(), z.unknown());

const Metadata = z.record(z.string(), z.unknown());

/** `print()`-style text sent to stdout or stderr. */
export const StreamOutput = z.object({
  output_type: z.literal("stream"),
  name: z.enum(["stdout", "stderr"]),
  text: MultilineText,
}).loose();

/** Rich data shown by the cell (`Deno.jupyter.display`, charts, HTML). */
export const DisplayDataOutput = z.object({
  output_type: z.literal("display_data"),
  data: MimeBundle,
  metadata: Metadata,
}).loose();

/** The value of the cell's last expression. */
export const ExecuteResultOutput = z.object({
  output_type: z.literal("execute_result"),
  execution_count: z.number().int().nullable(),
  data: MimeBundle,
  metadata: Metadata,
}).loose();

/** An exception raised by the cell. */
export const ErrorOutput = z.object({
  output_type: z.literal("error"),
  ename: z.string(),
  evalue: z.string(),
  traceback: z.array(z.string()),
}).loose();

/** One output of a code cell. */
export const Output = z.discriminatedUnion("output_type", [
  StreamOutput,
  DisplayDataOutput,
  ExecuteResultOutput,
  ErrorOutput,
]);
/** One output of a code cell. */
export type Output = z.infer<typeof Output>;

/** Cell ids: nbformat 4.5 allows letters, digits, `-` and `_`, 1 to 64 of them. */
export const CellId = z.string().regex(
  /^[a-zA-Z0-9-_]{1,64}$/,
  "a cell id is 1-64 of [a-zA-Z0-9-_]",
);

/** A cell of TypeScript that the kernel runs. */
export const CodeCell = z.object({
  id: CellId.optional(),
  cell_type: z.literal("code"),
  metadata: Metadata,
  source: MultilineText,
  execution_count: z.number().int().nullable(),
  outputs: z.array(Output),
}).loose();
/** A cell of TypeScript that the kernel runs. */
export type CodeCell = z.infer<typeof CodeCell>;

/** A cell of prose. */
export const MarkdownCell = z.object({
  id: CellId.optional(),
  cell_type: z.literal("markdown"),
  metadata: Metadata,
  source: MultilineText,
}).loose();

/** A cell passed through untouched. */
export const RawCell = z.object({
  id: CellId.optional(),
  cell_type: z.literal("raw"),
  metadata: Metadata,
  source: MultilineText,
}).loose();

/** Any cell. */
export const Cell = z.discriminatedUnion("cell_type", [CodeCell, MarkdownCell, RawCell]);
/** Any cell. */
export type Cell = z.infer<typeof Cell>;

/** A whole notebook in nbformat 4. */
export const Notebook = z.object({
  nbformat: z.literal(4),
  nbformat_minor: z.number().int().nonnegative(),
  metadata: Metadata,
  cells: z.array(Cell),
}).loose();
/** A whole notebook in nbformat 4. */
export type Notebook = z.infer<typeof Notebook>;

/**
 * Parses and validates a notebook's JSON text.
 *
 * @param text the file's content
 * @param name what to call the notebook in error messages (usually its path)
 * @returns the notebook
 * @throws Error naming the notebook and every problem with its path inside the JSON
 * @example
 * ```ts
 * const nb = parseNotebook(await Deno.readTextFile("notebooks/00-welcome.ipynb"), "00-welcome");
 * console.log(nb.cells.length);
 * ```
 */
export function parseNotebook(text: string, name: string): Notebook {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${name}: not valid JSON: ${(e as Error).message}`);
  }
  const parsed = Notebook.safeParse(json);
  if (!parsed.success) {
    throw new Error(`${name}: not a valid nbformat 4 notebook:\n${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

/**
 * The text of a cell's source or of a stream output, whichever way it is stored.
 *
 * @param text a string or a list of lines
 * @returns one string
 */
export function joinText(text: MultilineText): string {
  return typeof text === "string" ? text : text.join("");
}
