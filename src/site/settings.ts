/**
 * Site settings live in `_data/site.json` (the pipeline and the templates read
 * them here, never through Eleventy's data folder). Validated once, so a typo
 * in the time zone or base URL is a clear error, not a site full of wrong
 * dates or broken links. `NEWSROOM_SITE=path/to/site.json` points a build at
 * another settings file (tests build a site served from a subfolder).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { IANAZone } from "luxon";
import { z } from "zod";

/** A site-relative path (`/assets/logo.svg`) or an absolute https URL. */
const assetRef = z.string().regex(/^(?:\/[\w./-]*|https:\/\/\S+)$/, "must be a path like /assets/logo.png or an https:// URL");

export const SiteSchema = z
  .object({
    title: z.string().min(1),
    description: z.string(),
    /** The origin the site is served from, e.g. https://news.example.org/ (a path here must equal pathPrefix). */
    url: z.url({ protocol: /^https?$/ }).transform((u) => (u.endsWith("/") ? u : `${u}/`)),
    /** BCP 47 language tag of the articles, e.g. en or en-GB (`<html lang>`, feeds, the news sitemap). */
    language: z.string().regex(/^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*$/, "must be a language tag like en or en-GB").default("en"),
    timeZone: z.string().refine((zone) => IANAZone.isValidZone(zone), "is not an IANA time zone (e.g. Europe/London)"),
    /** Folder the site is served from on its host, e.g. /news/ (Eleventy's pathPrefix). */
    pathPrefix: z.string().regex(/^\/([\w-]+\/)*$/, "must look like / or /news/").default("/"),
    publisher: z.object({
      /** As Google News knows the publication (the news sitemap and JSON-LD use it verbatim). */
      name: z.string().min(1),
      /** Logo for JSON-LD and the feeds. */
      logo: assetRef.optional(),
    }),
    /** Social card handle, e.g. @dailyseed. */
    twitter: z.string().regex(/^@\w{1,15}$/, "must look like @handle").optional(),
    /** How many articles the home page lists before pointing to the archives. */
    homeLimit: z.number().int().positive().default(60),
    /** Articles per page on archive, tag, category and author pages. */
    pageSize: z.number().int().min(1).max(500).default(30),
    /** Newest articles in the Atom and JSON feeds (full text each). */
    feedLimit: z.number().int().min(1).max(1000).default(50),
    /** Newest articles in each tag's, section's and author's Atom feed (summaries); 0: no such feeds. */
    termFeedLimit: z.number().int().min(0).max(1000).default(20),
    /**
     * Sections (categories) in the masthead, in this order; spelled in any case. Without it, the six
     * with the most articles, which one new article can reorder, and then every page changes.
     */
    sections: z.array(z.string().min(1)).max(12).optional(),
    /**
     * Most articles in one part of the search index (src/render/search-parts.ts). Pagefind needs
     * about 280 KB of memory per article of the part it is indexing (1.4 GB at 5,000) and about
     * 3 ms each; smaller parts use less and reindex sooner after an edit, but a reader's first
     * search loads each part's metadata, tag filter and word chunks (70–90 KB a part).
     */
    searchPartSize: z.number().int().min(1).default(5000),
    /**
     * Most articles in one part of the recent articles' index (those from the first day of last
     * month); by default 1,000, or `searchPartSize` when that is smaller. An article published or
     * corrected today reindexes the part of its days: smaller parts make that quicker, at the cost
     * above for readers.
     */
    searchRecentPartSize: z.number().int().min(1).optional(),
  })
  .superRefine((s, ctx) => {
    const urlPath = new URL(s.url).pathname;
    if (urlPath !== "/" && urlPath !== s.pathPrefix) {
      ctx.addIssue({ code: "custom", path: ["url"], message: `has the path ${urlPath}; put the folder in pathPrefix and keep url the origin` });
    }
  });
export type Site = z.output<typeof SiteSchema>;

export const SITE_FILE = path.resolve(import.meta.dirname, "../../_data/site.json");

/** The settings file this process reads: `NEWSROOM_SITE`, or the project's. */
export const siteFile = (): string => (process.env.NEWSROOM_SITE ? path.resolve(process.env.NEWSROOM_SITE) : SITE_FILE);

export function loadSite(file = siteFile()): Site {
  const where = path.relative(process.cwd(), file);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (cause) {
    throw new Error(`${where}: ${cause instanceof SyntaxError ? `not valid JSON: ${cause.message}` : "could not be read"}`, { cause });
  }
  const parsed = SiteSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(`${where}: ${z.prettifyError(parsed.error)}`, { cause: parsed.error });
  }
  return parsed.data;
}
