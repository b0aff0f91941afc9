/**
 * The npm packages' types that this library's signatures mention: the types
 * zod infers from a schema, and Observable Plot's options and marks.
 *
 * `deno doc` documents this library's own types only, and `deno doc --lint`
 * counts a type of an npm package in a public signature as an error. These
 * aliases give those types a name here and are hidden from the docs
 * (`@ignore`); zod's and Plot's own documentation describe them.
 *
 * @module
 */
import type { z } from "zod";
import type * as Plot from "@observablehq/plot";

/** @ignore */
export type SchemaInput<Schema extends z.ZodType> = z.input<Schema>;
/** @ignore */
export type SchemaOutput<Schema extends z.ZodType> = z.output<Schema>;
/** @ignore */
export type PlotOptions = Plot.PlotOptions;
/** @ignore */
export type PlotMark = Plot.Markish;
/** @ignore */
export type PlotScaleOptions = Plot.ScaleOptions;
