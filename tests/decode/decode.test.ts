/**
 * The one fixture harness for the decode stage: every
 * `tests/fixtures/decode/<case>.input` (raw bytes) is decoded and compared with
 * `<case>.expected.json` ({ text, encoding, binary, messages }).
 * Inputs are written by `tests/fixtures/decode/make-inputs.mjs`; expectations by hand.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { decode } from "../../src/decode/index.ts";

const fixtures = fileURLToPath(new URL("../fixtures/decode/", import.meta.url));
const cases = readdirSync(fixtures)
  .filter((f) => f.endsWith(".input"))
  .map((f) => f.slice(0, -".input".length))
  .sort();

test("decode fixtures exist", () => {
  assert.ok(cases.length >= 14, `only ${cases.length} cases in ${fixtures}`);
});

for (const name of cases) {
  test(`decode fixture: ${name}`, () => {
    const input = readFileSync(`${fixtures}${name}.input`);
    const expected: unknown = JSON.parse(readFileSync(`${fixtures}${name}.expected.json`, "utf8"));
    assert.deepStrictEqual(decode(new Uint8Array(input)), expected);
  });
}
