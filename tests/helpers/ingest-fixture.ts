/**
 * Runs one fixture seed through the per-file pipeline with a fixed context
 * (no git, a fixed mtime, a fixed build time, UTC) so the record is the same
 * on every machine, and projects it to the JSON kept next to the seed.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { ingestBytes } from "../../src/ingest.ts";

export const FIXED_NOW = new Date("2026-01-15T12:00:00Z");
export const FIXED_MTIME = Date.parse("2025-12-01T08:30:00Z");

export function ingestFixture(file: string, dir: string, options: { timeZone?: string } = {}) {
  const bytes = readFileSync(path.join(dir, file));
  const result = ingestBytes(
    bytes,
    { abs: path.join(dir, file), rel: file, size: bytes.length, mtimeMs: FIXED_MTIME },
    { seedsDir: dir, timeZone: options.timeZone ?? "UTC", now: FIXED_NOW },
    new Map(),
  );
  const a = result.article;
  return {
    status: result.entry.status,
    ...(a && {
      title: a.title,
      dek: a.dek ?? null,
      authors: a.authors,
      dateline: a.dateline ?? null,
      date: a.date,
      dateOnly: a.dateOnly,
      url: a.url,
      tags: a.tags,
      categories: a.categories,
      image: a.image ?? null,
      headings: [...a.html.matchAll(/<h(\d) id="[^"]*">(.*?)<\/h\1>/g)].map((m) => `h${m[1]} ${m[2]}`),
      firstParagraph: /<p>(.*?)<\/p>/s.exec(a.html)?.[1] ?? null,
      paragraphs: (a.html.match(/<p>/g) ?? []).length,
      ...linksAndImages(a.html),
    }),
    sources: result.entry.sources,
    messages: result.entry.messages,
  };
}

/** Where the body's links and images point, when it has any (hostile fixtures show only safe ones survive). */
function linksAndImages(html: string) {
  const links = [...html.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1]!);
  const images = [...html.matchAll(/<img src="([^"]*)"/g)].map((m) => m[1]!);
  return { ...(links.length && { links }), ...(images.length && { images }) };
}
