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
 * Printable ASCII but the six characters slugify spells out (`$ % & < > |`).
 * In such text slugify (strict) keeps letters and digits, makes hyphens and
 * spaces word breaks and drops the rest, one lookup and one regex per
 * character; doing just that is several times cheaper, and this runs for
 * every headline and subhead (issue #6). tests/unit/ingest-shortcuts.test.ts
 * holds it to slugify's answer.
 */
const PLAIN_ASCII = /^[\x20-\x23\x27-\x3b\x3d\x3f-\x7b\x7d\x7e]*$/;
const slugifyPlain = (s: string) => s.replace(/[^A-Za-z0-9 -]+/g, "").replace(/-/g, " ").trim().replace(/ +/g, "-").toLowerCase();

/** slugify's transliterating slug, before our own limits. */
export const baseSlug = (s: string) =>
  PLAIN_ASCII.test(s) ? slugifyPlain(s) : slugifyLib(s, { lower: true, strict: true, locale: "en", trim: true });

/** Only [a-z0-9-], never empty, at most MAX_SLUG characters cut at a hyphen. */
export function slugify(text: string): string {
  // Path separators are word breaks, so "a/b" is "a-b", never a folder; and
  // angle brackets too (slugify would spell "<b>" as "lessbgreater").
  const slug = baseSlug(text.normalize("NFKC").replace(/[/\\<>]+/g, " "))
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
