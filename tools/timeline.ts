/**
 * `deno run -A tools/timeline.ts <trace.json> [-o out.svg] [--by core] [--unit ms]
 * [--clock real] [--title "..."]`: draws a saved trace as an SVG timeline.
 *
 * The JSON file holds anything `timeline()` accepts: a simulator's result or its
 * `timeline`, a loop trace (`loop.trace()`), or bars. `-` reads standard input.
 * Without `-o`, the SVG goes to standard output.
 *
 * @module
 */
import { saveSvg, timeline, type TimelineOptions, type Trace } from "../lib/chart/mod.ts";

const USAGE =
  "usage: timeline <trace.json | -> [-o out.svg] [--by task|core] [--unit ms] [--clock loop|real] [--title text]";

/** The parsed command line. */
export interface TimelineArgs {
  /** Path of the JSON trace, or `-` for standard input. */
  input: string;
  /** Where to write the SVG; standard output when absent. */
  output?: string;
  /** Chart options from the flags. */
  options: TimelineOptions;
}

/**
 * Parses the command line.
 *
 * @param args `Deno.args`.
 * @returns The input, output and chart options.
 * @throws {Error} With the usage line when the arguments are wrong.
 * @example
 * ```ts
 * import { parseTimelineArgs } from "./timeline.ts";
 * console.log(parseTimelineArgs(["rr.json", "--by", "core"]).options.by); // "core"
 * ```
 */
export function parseTimelineArgs(args: string[]): TimelineArgs {
  const options: TimelineOptions = {};
  let input: string | undefined;
  let output: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const flag = args[i];
    const value = () => {
      const v = args[++i];
      if (v === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
      return v;
    };
    if (flag === "-o" || flag === "--output") output = value();
    else if (flag === "--by") {
      const by = value();
      if (by !== "task" && by !== "core") throw new Error(`--by is task or core\n${USAGE}`);
      options.by = by;
    } else if (flag === "--clock") {
      const clock = value();
      if (clock !== "loop" && clock !== "real") {
        throw new Error(`--clock is loop or real\n${USAGE}`);
      }
      options.clock = clock;
    } else if (flag === "--unit") options.unit = value();
    else if (flag === "--title") options.title = value();
    else if (flag.startsWith("-") && flag !== "-") {
      throw new Error(`unknown flag ${flag}\n${USAGE}`);
    } else if (input === undefined) input = flag;
    else throw new Error(`one trace at a time\n${USAGE}`);
  }
  if (input === undefined) throw new Error(USAGE);
  return { input, output, options };
}

/**
 * Reads a trace, draws it, and writes the SVG.
 *
 * @param args The command line.
 * @returns The SVG markup (also written to the output file, if any).
 */
export async function runTimelineCli(args: string[]): Promise<string> {
  const { input, output, options } = parseTimelineArgs(args);
  const text = input === "-"
    ? await new Response(Deno.stdin.readable).text()
    : await Deno.readTextFile(input);
  const chart = timeline(JSON.parse(text) as Trace, options);
  if (output) await saveSvg(chart, output);
  return chart.svg;
}

if (import.meta.main) {
  try {
    const svg = await runTimelineCli(Deno.args);
    if (!Deno.args.includes("-o") && !Deno.args.includes("--output")) console.log(svg);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    Deno.exit(2);
  }
}
