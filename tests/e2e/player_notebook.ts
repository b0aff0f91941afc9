/**
 * `playerNotebook()`: a small notebook with three players (the capstone's
 * dinner, a short nap, a 10,000-step run) for the player's browser test.
 *
 * @module
 */
import { codeNotebook } from "../../tools/nb/code_notebook.ts";
import type { Notebook } from "../../tools/nb/notebook_schema.ts";

/** The file name the notebook gets in the served copy. */
export const PLAYER_NAME = "zz-player.ipynb";

/** Steps in the big player's trace. */
export const BIG_STEPS = 10_000;

/**
 * The notebook: cell 0 imports, cells 1 to 3 each show one player.
 *
 * @returns the nbformat 4 document
 */
export function playerNotebook(): Notebook {
  const programs = new URL("./player_programs.ts", import.meta.url).href;
  return codeNotebook([
    `import { loopPlayer } from "@course/lib";\nimport { busyLoop, dinnerLoop, napLoop } from "${programs}";`,
    `loopPlayer(await dinnerLoop(), { title: "dinner" });`,
    `loopPlayer(await napLoop(), { title: "a nap" });`,
    `loopPlayer((await busyLoop(${BIG_STEPS})).trace({ queues: true }).slice(0, ${BIG_STEPS}), {\n  title: "${BIG_STEPS} steps",\n});`,
  ], "player");
}
