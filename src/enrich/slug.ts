/**
 * URL slugs. slugify transliterates Latin, Greek and Cyrillic; scripts it
 * cannot (Chinese, Japanese: Eleventy #2537) give nothing, so those titles get
 * a short stable hash instead of an empty path segment.
 */
import { createHash } from "node:crypto";
import slugifyLib from "slugify";

const MAX_SLUG = 80;

export const shortHash = (s: string, length = 8) => createHash("sha256").update(s).digest("hex").slice(0, length);

/**
 * Printable ASCII but `$ % & |`, which slugify spells out ("and"). On these it keeps letters and
 * digits, reads "-" and spaces as word breaks and drops the rest (`strict`), which `plainSlug` does
 * without slugify's regex per character (28 µs a headline). tests/unit/enrich.test.ts compares them.
 */
const PLAIN = /^[\x20-\x23\x27-\x7b\x7d\x7e]*$/;

export const plainSlug = (text: string) =>
  text.replace(/-/g, " ").replace(/[^A-Za-z0-9 ]+/g, "").trim().replace(/ +/g, "-").toLowerCase();

export const librarySlug = (text: string) => slugifyLib(text, { lower: true, strict: true, locale: "en", trim: true });

// Path separators are word breaks, so "a/b" is "a-b", never a folder; and
// angle brackets too (slugify would spell "<b>" as "lessbgreater").
const breakPaths = (text: string) => text.replace(/[/\\<>]+/g, " ");

/** Only [a-z0-9-], never empty, at most MAX_SLUG characters cut at a hyphen. */
export function slugify(text: string): string {
  const slug = (PLAIN.test(text) ? plainSlug(breakPaths(text)) : librarySlug(breakPaths(text.normalize("NFKC"))))
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
