/** The real seeds: only the mojibake in seed 003 may change. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { decode } from "../../src/decode/index.ts";

const seeds = fileURLToPath(new URL("../../seeds/", import.meta.url));

test("seed 003: Hereâ€™s becomes Here’s, and nothing else changes", () => {
  const bytes = readFileSync(`${seeds}003_d124a37a302c7d53.txt`);
  const decoded = decode(new Uint8Array(bytes));
  assert.ok(decoded.text.includes("Here’s what you need to know"));
  assert.ok(!decoded.text.includes("â€"));
  assert.equal(decoded.text, bytes.toString("utf8").replace("Hereâ€™s", "Here’s"));
  assert.equal(decoded.encoding, "utf-8");
  assert.equal(decoded.binary, false);
  assert.deepEqual(decoded.messages, [{ level: "warning", message: "repaired 1 mojibake sequence (first on line 12)", line: 12 }]);
});

test("the other seeds decode unchanged, with no messages", () => {
  // Pinned: seeds added later (say, a deliberately broken one) must not break this test.
  const names = ["000_5b70cdc346d49482.txt", "001_405e124c4d916592.txt", "002_8c6eac4fd1a406c4.txt", "004_f7d692f137b23f74.txt"];
  for (const name of names) {
    const bytes = readFileSync(`${seeds}${name}`);
    const decoded = decode(new Uint8Array(bytes));
    assert.equal(decoded.text, bytes.toString("utf8").normalize("NFC").replace(/\r\n?/g, "\n"), name);
    assert.deepEqual(decoded.messages, [], name);
  }
});
