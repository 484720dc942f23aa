/**
 * One harness for every ingest fixture: `tests/fixtures/ingest/<name>.<ext>`
 * (the real seeds) and `tests/fixtures/hostile/**` (broken and hostile input,
 * subfolders and odd file names included), each next to `<name>.expected.json`.
 * To add a case, drop both files in.
 * `UPDATE_FIXTURES=1` writes missing expectations (review them before committing).
 * Cases that cannot live in git (symlinks, control characters in names, a 5 MB
 * file) are built on the fly in tests/hostile/.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { ingestFixture } from "../helpers/ingest-fixture.ts";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures");

/** Seed files under `dir`, recursively, as `/`-separated relative paths. */
function seedsIn(dir: string, rel = ""): string[] {
  return readdirSync(path.join(dir, rel), { withFileTypes: true })
    .filter((d) => !d.name.startsWith(".") && !d.name.endsWith(".expected.json"))
    .flatMap((d) => (d.isDirectory() ? seedsIn(dir, `${rel}${d.name}/`) : [`${rel}${d.name}`]))
    .sort();
}

for (const set of ["ingest", "hostile"]) {
  const DIR = path.join(FIXTURES, set);
  const seeds = seedsIn(DIR);

  test(`${set}: fixtures are there`, () => {
    assert.ok(seeds.length >= 5);
  });

  for (const file of seeds) {
    test(`${set} ${file}`, () => {
      const expectedFile = path.join(DIR, `${file}.expected.json`);
      const actual = ingestFixture(file, DIR);
      // Every input ends as a record, or as an error that says why.
      if (actual.status === "error") assert.ok(actual.messages.some((m) => m.level === "error"), "an error without a message");
      else assert.ok("title" in actual, `status ${actual.status} without a record`);
      if (!existsSync(expectedFile) && process.env.UPDATE_FIXTURES) writeFileSync(expectedFile, `${JSON.stringify(actual, null, 2)}\n`);
      assert.ok(existsSync(expectedFile), `missing ${path.relative(process.cwd(), expectedFile)}`);
      assert.deepStrictEqual(actual, JSON.parse(readFileSync(expectedFile, "utf8")));
    });
  }
}
