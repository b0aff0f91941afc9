import assert from "node:assert/strict";
import { table } from "@course/lib";

Deno.test("table rounds floats, keeps integers, aligns numbers right and text left", () => {
  const out = table([{ name: "a", ms: 12.666666, n: 3 }, { name: "long", ms: 1, n: 10 }]);
  assert.equal(String(out), "name    ms   n\na     12.7   3\nlong     1  10");
  assert.match(out.html, /<td style="text-align:left">long<\/td>/);
  assert.match(out.html, /<td style="text-align:right">12.7<\/td>/);
  assert.match(out.html, /^<table class="course-table" style="margin-left:0;[^"]*font-size:14px"/);
});

Deno.test("table escapes HTML and shows its title", () => {
  const out = table([{ x: "<b>" }], { title: "T & U", digits: 2 });
  assert.match(out.html, /&#60;b&#62;/);
  assert.match(out.html, /T &#38; U/);
  assert.ok(String(out).startsWith("T & U\n"));
});
