/**
 * The one typed boundary of the project (the Astro content-collections model):
 * everything an editor wrote or we guessed is untyped `unknown` until it passes
 * `ArticleDataSchema`; the `Article` type that templates trust is derived from
 * these schemas, so renaming a field here fails `tsc` in every template.
 */
import { z } from "zod";

/** Where a field's value came from, shown to editors by `npm run check`. */
export const SourceSchema = z.enum(["front-matter", "inline", "inferred", "filename", "git", "mtime", "story", "default"]);
export type Source = z.infer<typeof SourceSchema>;

/**
 * Collapse runs of white space: titles and names are one line. Control
 * characters are dropped: the decode stage removed them from the file, but a
 * YAML escape (`"\x1b[31m"`, `"\u0007"`) puts them back.
 */
const oneLine = (s: string) => s.replace(/[\u0000-\u0008\u000e-\u001f\u007f-\u009f]/g, "").replace(/\s+/g, " ").trim();

/** YAML turns `title: 1984` into a number; an editor meant text. */
const text = (max: number) =>
  z
    .union([z.string(), z.number()], { error: "must be text" })
    .transform((v) => oneLine(String(v)))
    .pipe(z.string().min(1, "is empty").max(max, `is longer than ${max} characters`));

/** A list written as YAML list or as a comma string (`tags: a, b`); null means none. */
const list = z
  .union([z.string(), z.number(), z.array(z.union([z.string(), z.number()]), { error: "must be a list of words" }), z.null()], {
    error: "must be a list or a comma-separated string",
  })
  .transform((v) => {
    const items = v === null ? [] : Array.isArray(v) ? v.map(String) : String(v).split(",");
    const seen = new Set<string>();
    const out: string[] = [];
    for (const raw of items) {
      const item = oneLine(raw);
      const key = item.toLowerCase();
      if (item && !seen.has(key)) {
        seen.add(key);
        out.push(item);
      }
    }
    return out;
  })
  .pipe(z.array(z.string().max(100, "has an item longer than 100 characters")).max(50, "has more than 50 items"));

/**
 * A date as written: ISO 8601 (date only, date-time, with or without offset).
 * Only the syntax and calendar are checked here; `enrich/dates.ts` resolves it
 * in the site's time zone, because a date-only value is a calendar day.
 */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;
export const DateWrittenSchema = z
  .string({ error: "must be a date like 2025-09-02 or 2025-09-02T05:59:33+01:00" })
  .transform((s) => s.trim())
  .refine((s) => {
    const m = ISO_DATE.exec(s);
    if (!m) return false;
    const [, y, mo, d, h = "0", mi = "0", sec = "0"] = m;
    const date = new Date(Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +sec));
    return (
      date.getUTCFullYear() === +y! && date.getUTCMonth() === +mo! - 1 && date.getUTCDate() === +d! && +h < 24 && +mi < 60 && +sec < 60
    );
  }, "is not a valid date");

const flag = z
  .union([z.boolean(), z.enum(["true", "false", "yes", "no"])], { error: "must be true or false" })
  .transform((v) => v === true || v === "true" || v === "yes");

/** What editors write (front matter) or the text reveals (inference), validated. */
export const ArticleDataSchema = z.object({
  title: text(300),
  dek: text(1000).optional(),
  authors: list.default([]),
  dateline: text(80).optional(),
  date: DateWrittenSchema,
  updated: DateWrittenSchema.optional(),
  tags: list.default([]),
  categories: list.default([]),
  image: text(500).optional(),
  imageAlt: text(300).optional(),
  draft: flag.default(false),
  slug: text(200).optional(),
  /** Markdown body after inference (subheads marked, paragraphs split). */
  body: z.string(),
});
export type ArticleData = z.output<typeof ArticleDataSchema>;
export type ArticleField = keyof z.input<typeof ArticleDataSchema>;

/** A published article, as templates see it: the data plus what `enrich` derives. */
export const ArticleSchema = ArticleDataSchema.omit({ body: true, date: true, updated: true, image: true, slug: true }).extend({
  /** Seed path relative to the seeds folder, with `/` separators. */
  file: z.string(),
  /** Drafts and scheduled articles reach templates only in preview (`--drafts`). */
  status: z.enum(["published", "draft", "scheduled"]),
  slug: z.string(),
  /** Site-relative URL, `/YYYY/MM/DD/slug/` (no path prefix). */
  url: z.string(),
  /** ISO 8601 with the site zone's offset. */
  date: z.string(),
  /** True when only a calendar day was known: show no time of day. */
  dateOnly: z.boolean(),
  /** The calendar day in the site zone, `YYYY-MM-DD`. */
  day: z.string(),
  updated: z.string().optional(),
  image: z.object({ src: z.string(), alt: z.string() }).optional(),
  /** Rendered body (our markdown-it, `html: false`). */
  html: z.string(),
  /** Plain text of the body, for descriptions, search and story matching. */
  text: z.string(),
  /**
   * Stands for `html`, `text` and the other fields the per-file stage alone sets (a hash of the
   * seed's bytes, the pipeline code and what the record depended on): page fingerprints compare it
   * instead of reading and hashing them (src/publish/page-keys.ts SET_BY_REVISION).
   */
  revision: z.string().optional(),
  /**
   * A hash of the title and text: what the story step compares of an article besides its date, so
   * its work on the article is kept under it (src/ingest/stories-cache.ts, src/stories/records.ts).
   */
  textHash: z.string(),
  description: z.string(),
  wordCount: z.number(),
  readingMinutes: z.number(),
  sources: z.record(z.string(), SourceSchema),
  story: z.string().optional(),
  duplicateOf: z.string().optional(),
  derivedFrom: z.object({ file: z.string(), similarity: z.number() }).optional(),
});
export type Article = z.output<typeof ArticleSchema>;
