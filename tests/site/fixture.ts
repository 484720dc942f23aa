/**
 * The site fixture (tests/fixtures/site): 15 seeds with tags in several
 * spellings, authors, sections, an image, a missing image, a hostile
 * headline, a draft and a scheduled piece, built with settings for a site
 * served from /news/ with 3 articles a page. Built once per test file.
 */
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
