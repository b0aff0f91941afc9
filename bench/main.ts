/**
 * `deno task bench <name...>`: runs the side-by-side benchmark `bench/<name>.ts`
 * for each name given (all of them when none is), each in its own process so
 * that one benchmark's heap and open sockets never colour another's numbers.
 *
 * A benchmark file is a script: run directly, it measures this course's code and
 * its references (CPython's asyncio, native Deno) in one run and prints a table.
 *
 * @module
 */

const benchDir = new URL(".", import.meta.url);

/** Names of the benchmarks in `bench/`, for example `loop` for `bench/loop.ts`. */
export async function listBenchmarks(): Promise<string[]> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(benchDir)) {
    if (
      entry.isFile && entry.name.endsWith(".ts") && entry.name !== "main.ts" &&
      !entry.name.startsWith("_")
    ) {
      names.push(entry.name.slice(0, -3));
    }
  }
  return names.sort();
}

if (import.meta.main) {
  const known = await listBenchmarks();
  const [flags, names] = [
    Deno.args.filter((a) => a.startsWith("-")),
    Deno.args.filter((a) => !a.startsWith("-")),
  ];
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length) {
    console.error(
      `bench: no benchmark named ${unknown.join(", ")}; choose from: ${known.join(", ")}`,
    );
    Deno.exit(2);
  }
  let failed = 0;
  for (const name of names.length ? names : known) {
    console.log(`\n## bench ${name}\n`);
    const { code } = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", new URL(`${name}.ts`, benchDir).pathname, ...flags],
      stdout: "inherit",
      stderr: "inherit",
    }).output();
    if (code !== 0) failed++;
  }
  Deno.exit(failed ? 1 : 0);
}
