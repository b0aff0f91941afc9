import assert from "node:assert/strict";
import { startJupyter } from "../../../tools/kernel/jupyter_server.ts";

/** Runs `body` with a server in a fresh home (as in CI), and removes the home after. */
async function withFreshHome(body: (home: string) => Promise<void>): Promise<void> {
  const home = await Deno.makeTempDir({ prefix: "jupyter-home-" });
  try {
    await body(home);
  } finally {
    await Deno.remove(home, { recursive: true });
  }
}

Deno.test("a server stopped the moment startJupyter returns ends cleanly, every time", async () => {
  // Notebook 6.4 loses a SIGTERM that comes while it prints its address (3 of 15 fresh starts
  // here): a runner that stopped it at once, as `deno task nb` does with an invalid notebook,
  // then waited forever.
  for (let round = 0; round < 6; round++) {
    await withFreshHome(async (home) => {
      const server = await startJupyter({ notebookDir: home, env: { HOME: home } });
      // 0 is Jupyter's own orderly exit on SIGTERM; a lost signal ends in SIGKILL (137).
      assert.equal(
        await server.stop(),
        0,
        `round ${round}: Jupyter did not stop cleanly on SIGTERM`,
      );
    });
  }
});

Deno.test("startJupyter returns once the server answers its API", async () => {
  await withFreshHome(async (home) => {
    const server = await startJupyter({ notebookDir: home, env: { HOME: home } });
    try {
      const status = await fetch(`${server.baseUrl}api/status?token=${server.token}`);
      await status.body?.cancel();
      assert.equal(status.status, 200);
    } finally {
      await server.stop();
    }
  });
});
