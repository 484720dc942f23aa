/**
 * What `npm start` ingests with (src/render/newsroom.ts): with the persistent
 * cache, each rebuild reads unchanged records from it as `npm run build` does
 * (its story step on a thread of its own); only without it (NEWSROOM_NO_CACHE=1)
 * are per-file results kept in memory between rebuilds, a copy of each.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { IngestCache } from "../../src/ingest.ts";
import { optionsFromEnvironment } from "../../src/render/newsroom.ts";
import { SiteSchema } from "../../src/site/settings.ts";

const site = SiteSchema.parse({ title: "T", description: "D", url: "https://example.com", timeZone: "Europe/London", publisher: { name: "T" } });
const serve = { ELEVENTY_RUN_MODE: "serve", NEWSROOM_SEEDS: "wire", NEWSROOM_DRAFTS: "1", NEWSROOM_NOW: "2025-09-02T12:00:00Z" };

test("the preview reads records from the persistent cache, keeping none in memory", () => {
  const opts = optionsFromEnvironment(site, serve);
  assert.equal(opts.cache, undefined);
  assert.match(opts.cacheDir ?? "", /[/\\]\.cache[/\\]ingest$/);
  assert.deepEqual([opts.seedsDir, opts.drafts, opts.timeZone, opts.now.toISOString()], ["wire", true, "Europe/London", "2025-09-02T12:00:00.000Z"]);
});

test("without the persistent cache, the preview keeps per-file results in memory; a one-off build keeps none", () => {
  const preview = optionsFromEnvironment(site, { ...serve, NEWSROOM_NO_CACHE: "1" });
  assert.ok(preview.cache instanceof IngestCache);
  assert.equal(preview.cacheDir, undefined);
  const oneOff = optionsFromEnvironment(site, { NEWSROOM_NO_CACHE: "1" });
  assert.equal(oneOff.cache, undefined);
  assert.equal(oneOff.drafts, false);
});
