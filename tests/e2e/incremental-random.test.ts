/**
 * Incremental builds under random editorial work: a seeded sequence of
 * changes (tests/helpers/editorial-changes.ts; the site settings too), and after each step the site a cached build leaves
 * in the same output folder equals, byte for byte, a `--no-cache` build of
 * the same seeds into an empty one, its search index included. incremental.test.ts checks each kind of
 * change once, by hand; this mixes them, so that a rebuild meets what the
 * previous rebuilds left (cache records, the manifest's page keys and
 * places, story records) in states no hand-written case reaches.
 *
 * NEWSROOM_FUZZ_SEED=<n> replays another sequence; a failure names the
 * seed and lists the steps taken. NEWSROOM_FUZZ_SEEDS=<folder> adds a
 * folder of seeds to the fixture's (a benchmark corpus: thousands of seeds
 * take the paths a small site does not, parsing over worker threads and
 * pages of long lists), and NEWSROOM_FUZZ_STEPS=<n> sets how many steps.
 */
import assert from "node:assert/strict";
import { cpSync, existsSync, rmSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { buildSeeds, FIXTURE, siteTree, treeDifferences } from "../site/fixture.ts";
import { tempDir } from "../helpers/cli.ts";
import { editorialDesk } from "../helpers/editorial-changes.ts";
import { envNumber } from "../../src/site/env-number.ts";

const SEED = Number(process.env.NEWSROOM_FUZZ_SEED ?? 20261124);
const STEPS = envNumber("NEWSROOM_FUZZ_STEPS") ?? 16;

const seeds = path.join(tempDir("fuzz-seeds"), "seeds");
cpSync(path.join(FIXTURE, "seeds"), seeds, { recursive: true });
// Modification times kept: a seed without a date is dated by its file's.
if (process.env.NEWSROOM_FUZZ_SEEDS) cpSync(process.env.NEWSROOM_FUZZ_SEEDS, seeds, { recursive: true, preserveTimestamps: true });
const out = path.join(tempDir("fuzz-out"), "site");
const settings = path.join(tempDir("fuzz-settings"), "site.json");
cpSync(path.join(FIXTURE, "site.json"), settings);
const desk = editorialDesk(seeds, SEED, { now: new Date("2025-09-03T12:00:00Z"), moveClock: true, settings });

// Search on: the index's parts move with the clock and the articles, and come from .cache/search when a build before made them.
const build = (outDir: string, ...extra: string[]) => buildSeeds(seeds, outDir, ["--now", desk.now.toISOString(), ...extra], settings);

test(`random changes, seed ${SEED}: after each, the rebuilt site equals a full build`, (t) => {
  const log: string[] = [];
  build(out);
  for (let step = 1; step <= STEPS; step++) {
    const changes = desk.step();
    const stdout = build(out);
    log.push(`${step}. ${changes.join("; ")} (${/^Pages: .*$/m.exec(stdout)?.[0]})`);
    const reference = path.join(tempDir("fuzz-ref"), "site");
    build(reference, "--no-cache");
    const differ = treeDifferences(siteTree(out), siteTree(reference));
    assert.deepEqual(differ, [], `NEWSROOM_FUZZ_SEED=${SEED}: after step ${step} the rebuilt site differs from a full build in ${differ.length} files\n${log.join("\n")}\n\n${stdout}`);
    rmSync(path.dirname(reference), { recursive: true, force: true });
  }
  assert.ok(existsSync(path.join(out, "index.html")));
  for (const line of log) t.diagnostic(line);
});
