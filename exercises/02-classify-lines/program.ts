/**
 * The six-line program of chapter 2, each line with its key and what bounds it:
 * the reference the checks compare the learner's `kinds` with.
 *
 * @module
 */

/** What limits a line's speed: a device (`io`) or the processor (`cpu`). */
export type Kind = "io" | "cpu";

/** The program's lines, in order, as the notebook shows them. */
export const LINES: readonly { key: string; code: string; kind: Kind }[] = [
  { key: "request", code: "const response = await fetch(server.url);", kind: "io" },
  { key: "headers", code: "const items = [...response.headers];", kind: "cpu" },
  { key: "format", code: "const headers = items.map(([k, v]) => `${k}: ${v}`);", kind: "cpu" },
  { key: "join", code: 'const formatted = headers.join("\\n");', kind: "cpu" },
  {
    key: "open",
    code: "const file = await Deno.open(path, { write: true, create: true });",
    kind: "io",
  },
  { key: "write", code: "await file.write(new TextEncoder().encode(formatted));", kind: "io" },
];
