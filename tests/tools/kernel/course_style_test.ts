/**
 * The Jupyter the course starts serves the course's style sheet: tables read
 * from the left at the prose's size, instead of Notebook 6's centred 12 px.
 */
import assert from "node:assert/strict";
import { COURSE_CSS, prepareCourseStyle } from "../../../tools/kernel/course_style.ts";
import { startJupyter } from "../../../tools/kernel/jupyter_server.ts";

Deno.test("the course's style sheet left-aligns tables and sets them at 14 px", async () => {
  const css = (await Deno.readTextFile(COURSE_CSS)).replace(/\/\*[\s\S]*?\*\//g, "");
  const rule = (selector: string) =>
    css.match(new RegExp(`${selector.replace(/[.]/g, "\\.")}\\s*{([^}]*)}`))?.[1] ?? "";
  assert.match(rule(".rendered_html table"), /margin-left:\s*0;/);
  assert.match(rule(".rendered_html table"), /font-size:\s*14px;/);
  assert.match(css, /\.rendered_html td\s*{[^}]*text-align:\s*left;/);
});

Deno.test("Jupyter, given the course's config folder, serves that style sheet", async () => {
  const dir = await Deno.makeTempDir({ prefix: "course-style-" });
  try {
    const env = await prepareCourseStyle(`${dir}/config`);
    assert.deepEqual(env, { JUPYTER_CONFIG_DIR: `${dir}/config` });
    await Deno.mkdir(`${dir}/notebooks`);
    const server = await startJupyter({ notebookDir: `${dir}/notebooks`, env });
    try {
      const response = await fetch(`${server.baseUrl}custom/custom.css?token=${server.token}`);
      assert.equal(response.status, 200);
      assert.equal(await response.text(), await Deno.readTextFile(COURSE_CSS));
    } finally {
      await server.stop();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
