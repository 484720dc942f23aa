/**
 * URL slugs. slugify transliterates Latin, Greek and Cyrillic; scripts it
 * cannot (Chinese, Japanese: Eleventy #2537) give nothing, so those titles get
 * a short stable hash instead of an empty path segment.
 */
import { createHash } from "node:crypto";
import slugifyLib from "slugify";

const MAX_SLUG = 80;

export const shortHash = (s: string, length = 8) => createHash("sha256").update(s).digest("hex").slice(0, length);

/** Only [a-z0-9-], never empty, at most MAX_SLUG characters cut at a hyphen. */
export function slugify(text: string): string {
  // Path separators are word breaks, so "a/b" is "a-b", never a folder; and
  // angle brackets too (slugify would spell "<b>" as "lessbgreater").
  const slug = slugifyLib(text.normalize("NFKC").replace(/[/\\<>]+/g, " "), { lower: true, strict: true, locale: "en", trim: true })
    .replace(/[^a-z0-9-]+/g, "")
    .replace(/-{2,}/g, "-")
    .replace(/^-|-$/g, "");
  if (slug.length <= MAX_SLUG) return slug;
  const cut = slug.slice(0, MAX_SLUG + 1);
  return cut.slice(0, cut.lastIndexOf("-") > 20 ? cut.lastIndexOf("-") : MAX_SLUG).replace(/-$/, "");
}

/** A slug for a title, with a hash fallback for text slugify cannot spell. */
export function slugFor(title: string): string {
  const slug = slugify(title);
  return slug.length >= 2 ? slug : `a-${shortHash(title)}`;
}
