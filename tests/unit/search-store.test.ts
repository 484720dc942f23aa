/**
 * The store of search-index bundles (src/render/plugins/search-store.ts): a part is made once per
 * key and linked into any folder after; a failed make leaves nothing; entries not used for a day go.
 * The build's use of it is checked in tests/e2e/incremental.test.ts.
 */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { entryKey, pruneSearchStore, throughSearchStore } from "../../src/render/plugins/search-store.ts";
import { tempDir } from "../helpers/cli.ts";

/** A stand-in for Pagefind: a bundle of two files, one in a subfolder, counted. */
function maker() {
  let calls = 0;
  const make = async (dir: string) => {
    calls++;
    mkdirSync(path.join(dir, "fragment"), { recursive: true });
    writeFileSync(path.join(dir, "pagefind-entry.json"), `{"call":${calls}}`);
    writeFileSync(path.join(dir, "fragment", "a.pf_fragment"), "fragment");
  };
  return { make, calls: () => calls };
}

test("a part is made once for its key, then linked into any folder, replacing what was there; another key is made again", async () => {
  const [store, site] = [path.join(tempDir("search-store"), "store"), tempDir("search-site")];
  const { make, calls } = maker();
  const key = entryKey("fingerprint-1");
  assert.equal(await throughSearchStore(store, key, path.join(site, "pagefind-recent"), make), "made");
  mkdirSync(path.join(site, "pagefind-recent-2025-09-01"));
  writeFileSync(path.join(site, "pagefind-recent-2025-09-01", "stale.pf_meta"), "old");
  assert.equal(await throughSearchStore(store, key, path.join(site, "pagefind-recent-2025-09-01"), make), "stored");
  assert.equal(calls(), 1);
  for (const folder of ["pagefind-recent", "pagefind-recent-2025-09-01"]) {
    assert.deepEqual(readdirSync(path.join(site, folder), { recursive: true }).sort(), ["fragment", "fragment/a.pf_fragment", "pagefind-entry.json"], folder);
    assert.equal(readFileSync(path.join(site, folder, "pagefind-entry.json"), "utf8"), '{"call":1}');
  }
  // Other articles, or other code that makes bundles (both in the fingerprint, page-keys.ts): another key, even one that differs in case alone.
  assert.notEqual(entryKey("Fingerprint-1"), key);
  assert.match(key, /^[0-9a-f]{40}$/);
  assert.equal(await throughSearchStore(store, entryKey("fingerprint-2"), path.join(site, "pagefind"), make), "made");
  assert.equal(calls(), 2);
  assert.equal(readdirSync(store).length, 2, "one entry per key, nothing left beside them");
});

test("a failed make stores nothing and leaves nothing beside the store", async () => {
  const [store, site] = [path.join(tempDir("search-store"), "store"), tempDir("search-site")];
  const key = entryKey("fingerprint");
  await assert.rejects(throughSearchStore(store, key, path.join(site, "pagefind"), async (dir) => {
    writeFileSync(path.join(dir, "half.pf_index"), "half");
    throw new Error("pagefind: out of memory");
  }), /out of memory/);
  assert.deepEqual(readdirSync(store), []);
  assert.equal(existsSync(path.join(site, "pagefind")), false);
  const { make, calls } = maker();
  assert.equal(await throughSearchStore(store, key, path.join(site, "pagefind"), make), "made");
  assert.equal(calls(), 1);
});

test("a store that cannot be written (its path a file) leaves the part made where it goes", async () => {
  const [root, site] = [tempDir("search-store"), tempDir("search-site")];
  const store = path.join(root, "store");
  writeFileSync(store, "not a folder");
  const { make, calls } = maker();
  assert.equal(await throughSearchStore(store, entryKey("fingerprint"), path.join(site, "pagefind"), make), "made");
  assert.equal(calls(), 1);
  assert.deepEqual(readdirSync(path.join(site, "pagefind"), { recursive: true }).sort(), ["fragment", "fragment/a.pf_fragment", "pagefind-entry.json"]);
  assert.deepEqual(readdirSync(root), ["store"]);
});

test("entries not used for a day go, with what killed builds left; those used since stay", async () => {
  const [store, site] = [path.join(tempDir("search-store"), "store"), tempDir("search-site")];
  const { make } = maker();
  const [old, used, fresh] = [entryKey("old"), entryKey("used"), entryKey("fresh")];
  for (const key of [old, used, fresh]) await throughSearchStore(store, key, path.join(site, key), make);
  mkdirSync(path.join(store, "new-killed"));
  const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600_000);
  for (const name of [old, used, "new-killed"]) utimesSync(path.join(store, name), twoDaysAgo, twoDaysAgo);
  // Used again by a build: its time is now.
  assert.equal(await throughSearchStore(store, used, path.join(site, "again"), make), "stored");
  await pruneSearchStore(store);
  assert.deepEqual(readdirSync(store).sort(), [fresh, used].sort());
  await pruneSearchStore(path.join(store, "missing"));
});
