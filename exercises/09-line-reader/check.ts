/**
 * Checks for `09-line-reader`: the learner's `lineReader` against the
 * reference on hand-made and seeded random chunkings of a stream.
 *
 * @module
 */
import { defineChecks, expectEqual, expectFunction, fail, show } from "@course/lib";
import { randomChunks, referenceLineReader } from "./reference.ts";

type Feed = (chunk: Uint8Array) => string[];
type Bindings = { lineReader: () => Feed };

const encoder = new TextEncoder();

/** Feeds `chunks` to a fresh reader of the learner's and returns what each call gave. */
function feedAll({ lineReader }: Bindings, chunks: Uint8Array[]): string[][] {
  expectFunction(lineReader, "lineReader");
  const feed = lineReader();
  if (typeof feed !== "function") {
    fail(`expected lineReader() to return a function, got ${show(feed)}`);
  }
  return chunks.map((chunk) => {
    const lines = feed(chunk);
    if (!Array.isArray(lines)) fail(`expected feed(chunk) to return an array, got ${show(lines)}`);
    return lines;
  });
}

/** The learner's per-chunk lines against the reference's, for chunks given as text. */
function compare(bindings: Bindings, pieces: (string | Uint8Array)[], what: string): void {
  const chunks = pieces.map((p) => (typeof p === "string" ? encoder.encode(p) : p));
  const reference = referenceLineReader();
  expectEqual(feedAll(bindings, chunks), chunks.map((c) => reference(c)), what);
}

// A 200-line text with some non-ASCII characters and empty lines.
const TEXT = Array.from(
  { length: 200 },
  (_, i) => (i % 17 === 0 ? "" : `line ${i}: café, naïve, 東京 ${"·".repeat(i % 7)}`),
).join("\n") + "\n";

export default defineChecks<Bindings>([
  {
    name: "one whole line per chunk",
    run: (b) => compare(b, ["one\n", "two\n"], 'the lines of ["one\\n", "two\\n"], chunk by chunk'),
  },
  {
    name: "a line split over three chunks comes out once, when it is complete",
    misconception: "one read from a stream returns exactly one whole message (one line)",
    run: (b) =>
      compare(
        b,
        ["hel", "lo\nwor", "ld\n"],
        'the lines of ["hel", "lo\\nwor", "ld\\n"], chunk by chunk',
      ),
  },
  {
    name: "several lines in one chunk, and an unfinished line waits",
    misconception: "one read from a stream returns exactly one whole message (one line)",
    run: (b) =>
      compare(b, ["a\nb\nc\nd", "\n"], 'the lines of ["a\\nb\\nc\\nd", "\\n"], chunk by chunk'),
  },
  {
    name: "a 200-line text cut at random places gives the same lines",
    misconception: "one read from a stream returns exactly one whole message (one line)",
    run: (b) => {
      for (const seed of [1, 2, 3]) {
        compare(
          b,
          randomChunks(encoder.encode(TEXT), seed),
          `the lines, chunk by chunk (seed ${seed})`,
        );
      }
    },
  },
  {
    name: "a two-byte character split between chunks is decoded whole",
    misconception:
      "bytes can be decoded chunk by chunk, even when a character is split between chunks",
    hidden: true,
    run: (b) => {
      const bytes = encoder.encode("café\n");
      compare(b, [bytes.slice(0, 4), bytes.slice(4)], "the lines of café split inside é");
    },
  },
  {
    name: "empty chunks and empty lines",
    hidden: true,
    run: (b) => compare(b, ["", "\n", "", "\n\nx", "", "\n"], "the lines, chunk by chunk"),
  },
]);
