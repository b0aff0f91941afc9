/**
 * How much of a solution can be found in a notebook cell: token 5-grams
 * (comments dropped, numbers and strings made alike) of the solution that
 * the stub does not already have, and the share of them one cell contains.
 *
 * @module
 */

const TOKEN =
  /[A-Za-z_$][\w$]*|\d[\d_]*(\.\d+)?|"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|`(?:\\.|[^`\\])*`|\S/g;
const N = 5;

/** The code's tokens, comments dropped; every number is `0` and every string `""`. */
export function tokens(code: string): string[] {
  const bare = code.replace(/\/\*[\s\S]*?\*\//g, " ").replace(/(^|[^:\\])\/\/.*$/gm, "$1");
  return (bare.match(TOKEN) ?? []).map((t) => /^\d/.test(t) ? "0" : /^["'`]/.test(t) ? '""' : t);
}

/** The set of n-grams of a token list. */
function grams(list: string[]): Set<string> {
  const result = new Set<string>();
  for (let i = 0; i + N <= list.length; i++) result.add(list.slice(i, i + N).join(" "));
  return result;
}

/**
 * The share (0 to 1) of the solution's new n-grams (those not in the stub)
 * that `cell` contains; 0 when the solution adds nothing.
 */
export function copiedShare(solution: string, stub: string, cell: string): number {
  const given = grams(tokens(stub));
  const added = [...grams(tokens(solution))].filter((g) => !given.has(g));
  if (added.length === 0) return 0;
  const inCell = grams(tokens(cell));
  return added.filter((g) => inCell.has(g)).length / added.length;
}
