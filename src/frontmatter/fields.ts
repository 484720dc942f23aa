/**
 * Front-matter keys → Article fields. Editors arrive from Jekyll, Hugo, Ghost
 * and WordPress exports, so common spellings are accepted; the first key found
 * wins. Unknown keys (Jekyll's `layout`) are tolerated and ignored; keys that
 * would steer output paths are ignored with a warning.
 */
import { warning, type Message } from "../report/messages.ts";
import type { Candidate } from "../infer/state.ts";
import type { ArticleField } from "../validate/schema.ts";
import type { FrontMatter } from "./parse.ts";

const ALIASES: ReadonlyArray<readonly [ArticleField, readonly string[]]> = [
  ["title", ["title", "headline"]],
  ["dek", ["dek", "excerpt", "description", "summary", "standfirst", "subtitle"]],
  ["authors", ["author", "authors", "byline"]],
  ["dateline", ["dateline"]],
  ["date", ["date", "published", "pubDate", "publishDate", "published_at"]],
  ["updated", ["updated", "modified", "lastmod", "last_modified_at", "updated_at"]],
  ["tags", ["tags", "keywords"]],
  ["categories", ["categories", "category", "section"]],
  ["image", ["image", "cover", "thumbnail", "feature_image"]],
  ["imageAlt", ["image_alt", "imageAlt", "alt"]],
  ["draft", ["draft"]],
  ["slug", ["slug"]],
];

/** Keys other generators use to choose output paths; ours come only from date and slug. */
const PATH_KEYS = ["permalink", "url", "path", "output", "outputPath"];

export function fieldsFromFrontMatter(fm: FrontMatter): { candidate: Candidate; messages: Message[] } {
  const candidate: Candidate = {};
  const messages: Message[] = [];
  for (const [field, keys] of ALIASES) {
    const key = keys.find((k) => Object.hasOwn(fm.data, k));
    if (key === undefined) continue;
    candidate[field] = { value: fm.data[key], source: "front-matter", line: fm.keyLines.get(key), key };
  }
  for (const key of PATH_KEYS) {
    if (Object.hasOwn(fm.data, key)) {
      messages.push(
        warning(`"${key}" is ignored: article URLs are always /YYYY/MM/DD/slug/ (use "slug" to choose the last part)`, {
          field: key,
          line: fm.keyLines.get(key),
        }),
      );
    }
  }
  return { candidate, messages };
}
