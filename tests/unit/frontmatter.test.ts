import assert from "node:assert/strict";
import { existsSync, rmSync } from "node:fs";
import { test } from "node:test";
import { parseFrontMatter } from "../../src/frontmatter/parse.ts";

const MARKER = "/tmp/newsroom-frontmatter-pwned";

for (const opener of ["---js", "---javascript", "--- js", "---JS", "---coffee", "---yaml", "--- javascript"]) {
  test(`front matter opened with ${JSON.stringify(opener)} is refused and never run`, () => {
    rmSync(MARKER, { force: true });
    const fm = parseFrontMatter(`${opener}\n{ title: require("fs").writeFileSync("${MARKER}", "x") }\n---\nBody`);
    assert.equal(fm.failed, true);
    assert.equal(existsSync(MARKER), false);
    assert.match(fm.messages[0]!.message, /must open with a line of exactly "---"/);
    assert.equal(fm.messages[0]!.line, 1);
  });
}

test("YAML front matter is parsed, dates stay text (no UTC shift)", () => {
  const fm = parseFrontMatter("---\ntitle: Hello\ndate: 2025-09-02\ntags: [a, b]\n---\n\nBody text.");
  assert.equal(fm.failed, false);
  assert.deepEqual(fm.data, { title: "Hello", date: "2025-09-02", tags: ["a", "b"] });
  assert.equal(fm.keyLines.get("date"), 3);
  assert.equal(fm.bodyLine, 6);
  assert.equal(fm.body, "\nBody text.");
});

test("invalid YAML is an error on its file line", () => {
  const fm = parseFrontMatter("---\ntitle: ok\ntags: [a, b\nauthor: x\n---\nBody");
  assert.equal(fm.failed, true);
  assert.match(fm.messages[0]!.message, /not valid YAML/);
  assert.equal(fm.messages[0]!.line, 5);
});

test("!!js/function and other unsafe YAML types are refused", () => {
  const fm = parseFrontMatter('---\ntitle: !!js/function "function(){ return 1 }"\n---\nBody');
  assert.equal(fm.failed, true);
});

test("an unclosed block is an error, not a body", () => {
  const fm = parseFrontMatter("---\ntitle: x\nBody without end");
  assert.equal(fm.failed, true);
  assert.match(fm.messages[0]!.message, /never closed/);
});

test("a YAML alias bomb is refused quickly", () => {
  const lines = ["---", "a: &a [x, x, x, x, x, x, x, x, x, x]"];
  for (let i = 0; i < 9; i++) lines.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(", ")}]`);
  lines.push("title: boom", "---", "Body");
  const started = performance.now();
  const fm = parseFrontMatter(lines.join("\n"));
  assert.equal(fm.failed, true);
  assert.match(fm.messages[0]!.message, /more than 5000 values/);
  assert.ok(performance.now() - started < 1000);
});

test("front matter that is not a mapping is an error", () => {
  assert.equal(parseFrontMatter("---\n- a\n- b\n---\nBody").failed, true);
});

test("no front matter: the whole text is the body", () => {
  const fm = parseFrontMatter("Just text.\n");
  assert.equal(fm.failed, false);
  assert.equal(fm.body, "Just text.\n");
  assert.equal(fm.bodyLine, 1);
});
