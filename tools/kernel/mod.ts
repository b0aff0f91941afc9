/**
 * Setting up Jupyter for the course: the Deno kernel spec and Jupyter itself.
 * Shared by `deno task course` and the notebook runner.
 *
 * @module
 */
export * from "./paths.ts";
export * from "./deno_kernel.ts";
export * from "./jupyter.ts";
export * from "./jupyter_server.ts";
