import assert from "node:assert/strict";
import { stripAnsi } from "../../../tools/nb/ansi.ts";

Deno.test("stripAnsi removes colour and link codes and keeps the text", () => {
  assert.equal(stripAnsi("\x1b[31mError\x1b[0m: \x1b[1;33mboom\x1b[39m"), "Error: boom");
  assert.equal(stripAnsi("\x1b]8;;https://deno.com\x07link\x1b]8;;\x07"), "link");
  assert.equal(stripAnsi("plain"), "plain");
});
