/**
 * Bodies read from the ingest cache's packs (src/ingest/pack-texts.ts): a
 * section is checked once, held within a budget, and read record by record
 * once let go, with the same bytes; a pack gone by then is a miss.
 */
import assert from "node:assert/strict";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { tempDir } from "../helpers/cli.ts";

// The budget is read when the module loads: set first, then everything imported that imports it.
const BUDGET = 250;
process.env.NEWSROOM_PACK_TEXTS_HELD = String(BUDGET);
const { heldPackTexts, packTexts, releasePackTexts } = await import("../../src/ingest/pack-texts.ts");
const { ingest } = await import("../../src/ingest.ts");

/** Where the texts section starts in each pack (the metas before it). */
const START = 10;

/** A pack file of `size` bytes of texts after START bytes of metas, each text byte its position modulo 251 plus `seed`. */
function pack(dir: string, name: string, size: number, seed: number): { file: string; texts: Buffer } {
  const texts = Buffer.from(Array.from({ length: size }, (_, i) => (i % 251) + seed));
  const file = path.join(dir, name);
  writeFileSync(file, Buffer.concat([Buffer.alloc(START, 0xff), texts]));
  return { file, texts };
}

/** Reads a pack's section whole, as the cache does, counting the reads. */
function checker(file: string, reads: Map<string, number>) {
  return () => {
    reads.set(file, (reads.get(file) ?? 0) + 1);
    return readFileSync(file).subarray(START);
  };
}

test("sections are checked once and held within the budget; a section let go is read record by record, with the same bytes", () => {
  const dir = tempDir("pack-texts");
  const packs = ["a", "b", "c"].map((name, i) => pack(dir, `${name}.pack`, 100, i));
  const reads = new Map<string, number>();
  const slice = (p: (typeof packs)[number], offset: number, length: number) => packTexts(p.file, START, offset, length, checker(p.file, reads));

  for (const p of [...packs, packs[0]!, packs[1]!]) {
    assert.deepEqual(slice(p, 20, 30), p.texts.subarray(20, 50));
    assert.ok(heldPackTexts() <= BUDGET, `held ${heldPackTexts()} bytes`);
  }
  // Two sections fit: a was let go for c, then read as a record; b stayed.
  assert.equal(heldPackTexts(), 200);
  assert.deepEqual([...reads.values()], [1, 1, 1], "each section read whole once");

  // Larger than the budget: never held, read record by record after its check.
  const large = pack(dir, "large.pack", 400, 3);
  assert.deepEqual(slice(large, 300, 100), large.texts.subarray(300, 400));
  assert.deepEqual(slice(large, 0, 1), large.texts.subarray(0, 1));
  assert.equal(reads.get(large.file), 1);
  assert.ok(heldPackTexts() <= BUDGET);

  releasePackTexts();
  assert.equal(heldPackTexts(), 0);
  assert.deepEqual(slice(packs[2]!, 0, 100), packs[2]!.texts);
  assert.equal(reads.get(packs[2]!.file), 1, "a section let go is not read whole again");

  // Gone since it was checked (another build collected it): a miss, which the cache answers from the seed.
  rmSync(packs[2]!.file);
  assert.equal(slice(packs[2]!, 0, 10), undefined);
});

test("a section found damaged is a miss, and is not taken as checked", () => {
  const dir = tempDir("pack-texts-damaged");
  const p = pack(dir, "d.pack", 50, 7);
  let calls = 0;
  const damaged = () => {
    calls++;
    return undefined;
  };
  assert.equal(packTexts(p.file, START, 0, 10, damaged), undefined);
  assert.equal(packTexts(p.file, START, 0, 10, damaged), undefined);
  assert.equal(calls, 2);
});

test("records read from the cache with less room than one pack's texts give what a build without the cache gives", async () => {
  const seedsDir = tempDir("pack-texts-seeds");
  for (let i = 0; i < 6; i++) {
    writeFileSync(path.join(seedsDir, `s${i}.md`), `---\ntitle: Story ${i}\ndate: 2025-0${i + 1}-02\n---\n${"The council met again. ".repeat(20 + i)}\n`);
  }
  const opts = { seedsDir, timeZone: "UTC", now: new Date("2026-01-10T12:00:00Z"), workers: 0 };
  const cacheDir = path.join(tempDir("pack-texts-cache"), "ingest");
  await ingest({ ...opts, cacheDir });
  releasePackTexts();
  let fromDisk = 0;
  const cached = await ingest({ ...opts, cacheDir, onStats: (s) => (fromDisk = s.fromDisk) });
  assert.equal(fromDisk, 6);
  assert.deepStrictEqual(cached, await ingest(opts));
  assert.ok(heldPackTexts() <= BUDGET);
});
