/**
 * One harness for every ingest fixture: `tests/fixtures/ingest/<name>.<ext>`
 * next to `<name>.expected.json`. To add a case, drop both files in.
 * `UPDATE_FIXTURES=1` writes missing expectations (review them before committing).
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { ingestFixture } from "../helpers/ingest-fixture.ts";

const DIR = path.resolve(import.meta.dirname, "../fixtures/ingest");
const seeds = readdirSync(DIR).filter((f) => !f.endsWith(".expected.json") && !f.startsWith("."));

test("every ingest fixture has an expectation", () => {
  assert.ok(seeds.length >= 5);
});

for (const file of seeds) {
  test(`ingest ${file}`, () => {
    const expectedFile = path.join(DIR, `${file}.expected.json`);
    const actual = ingestFixture(file, DIR);
    if (!existsSync(expectedFile) && process.env.UPDATE_FIXTURES) writeFileSync(expectedFile, `${JSON.stringify(actual, null, 2)}\n`);
    assert.ok(existsSync(expectedFile), `missing ${path.relative(process.cwd(), expectedFile)}`);
    assert.deepStrictEqual(actual, JSON.parse(readFileSync(expectedFile, "utf8")));
  });
}
