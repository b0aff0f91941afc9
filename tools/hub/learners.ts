/**
 * The learners of a class: `--users N` (learner01 ... learnerN) or a file of
 * names, one per line.
 *
 * @module
 */

/** What JupyterHub accepts here without escaping: lowercase letters, digits, `-`, `_`, `.`. */
const NAME = /^[a-z][a-z0-9._-]{0,31}$/;

/**
 * Numbered learner names, zero-padded so that they sort.
 *
 * @param count how many learners
 * @returns `learner01`, `learner02`, ...
 * @example
 * ```ts
 * numberedLearners(3); // ["learner01", "learner02", "learner03"]
 * ```
 */
export function numberedLearners(count: number): string[] {
  if (!Number.isInteger(count) || count < 1 || count > 999) {
    throw new Error(`--users needs a number of learners from 1 to 999, got ${count}`);
  }
  const width = Math.max(2, String(count).length);
  return Array.from({ length: count }, (_, i) => `learner${String(i + 1).padStart(width, "0")}`);
}

/**
 * Parses a file of learner names: one per line, `#` starts a comment, blank
 * lines are skipped.
 *
 * @param text the file's content
 * @param file the file's name, for error messages
 * @returns the names, in file order
 * @throws Error naming the file and line of a bad or repeated name
 * @example
 * ```ts
 * parseLearnerFile("ada\n# a comment\ngrace\n", "class.txt"); // ["ada", "grace"]
 * ```
 */
export function parseLearnerFile(text: string, file: string): string[] {
  const names: string[] = [];
  text.split("\n").forEach((raw, i) => {
    const name = raw.replace(/#.*/, "").trim();
    if (!name) return;
    if (!NAME.test(name)) {
      throw new Error(
        `${file}:${i + 1}: "${name}" is not a usable user name; use lowercase letters, ` +
          `digits, ".", "-" or "_", starting with a letter (at most 32 characters)`,
      );
    }
    if (names.includes(name)) throw new Error(`${file}:${i + 1}: "${name}" is listed twice`);
    names.push(name);
  });
  if (names.length === 0) throw new Error(`${file}: no learner names in it`);
  return names;
}

/**
 * Checks the admin's name against the same rule as the learners'.
 *
 * @param name the admin user's name
 * @returns the name
 * @throws Error when it is not usable
 */
export function checkAdminName(name: string): string {
  if (!NAME.test(name)) {
    throw new Error(
      `--admin "${name}" is not a usable user name (lowercase letters, digits, . - _)`,
    );
  }
  return name;
}
