/**
 * The site fixture (tests/fixtures/site): 15 seeds with tags in several
 * spellings, authors, sections, an image, a missing image, a hostile
 * headline, a draft and a scheduled piece, built with settings for a site
 * served from /news/ with 3 articles a page. Built once per test file.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { cpSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { ROOT, runScript, tempDir } from "../helpers/cli.ts";

export const FIXTURE = path.join(ROOT, "tests/fixtures/site");
export const NOW = "2025-09-03T12:00:00Z";
export const PREFIX = "/news/";
export const ORIGIN = "https://example.com";

export interface BuiltSite {
  out: string;
  build: ReturnType<typeof runScript>;
  /** Site-relative URL (with or without the prefix) → file in the output. */
  file(url: string): string;
  read(url: string): string;
  /** Every file under the output, relative, with `/` separators. */
  files(): string[];
}

/** `npm run build` of `seeds` into `out` with the fixture's settings (or those in `siteFile`): its output; the test fails unless it exits 0. */
export function buildSeeds(seeds: string, out: string, args: readonly string[], siteFile = path.join(FIXTURE, "site.json")): string {
  process.env.NEWSROOM_SITE = siteFile;
  try {
    const r = runScript("build", ["--seeds", seeds, "--out", out, ...args]);
    assert.equal(r.code, 0, r.stderr);
    return r.stdout;
  } finally {
    delete process.env.NEWSROOM_SITE;
  }
}

/** Every file under `dir` (relative path) with the SHA-1 of its bytes: two sites compare equal as these when they are the same bytes. */
export function siteTree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const d of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!d.isFile()) continue;
    const file = path.join(d.parentPath, d.name);
    files[path.relative(dir, file)] = createHash("sha1").update(readFileSync(file)).digest("hex");
  }
  return files;
}

/** The files that differ between two trees (siteTree): in one only, or with other bytes. */
export const treeDifferences = (got: Record<string, string>, want: Record<string, string>): string[] =>
  [...new Set([...Object.keys(got), ...Object.keys(want)])].filter((f) => got[f] !== want[f]).sort();

export function buildFixtureSite(extraArgs: string[] = []): BuiltSite {
  const seeds = path.join(tempDir("site-seeds"), "seeds");
  cpSync(path.join(FIXTURE, "seeds"), seeds, { recursive: true });
  const out = path.join(tempDir("site-out"), "site");
  process.env.NEWSROOM_SITE = path.join(FIXTURE, "site.json");
  const build = runScript("build", ["--seeds", seeds, "--out", out, "--now", NOW, ...extraArgs]);
  delete process.env.NEWSROOM_SITE;
  const file = (url: string) => {
    const rel = url.startsWith(PREFIX) ? url.slice(PREFIX.length) : url.replace(/^\//, "");
    return path.join(out, rel.endsWith("/") || rel === "" ? `${rel}index.html` : rel);
  };
  return {
    out,
    build,
    file,
    read: (url) => readFileSync(file(url), "utf8"),
    files: () => readdirSync(out, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => path.relative(out, path.join(d.parentPath, d.name)).split(path.sep).join("/")),
  };
}
