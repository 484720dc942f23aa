/**
 * Site settings live in `_data/site.json` (Eleventy reads it as global data;
 * the pipeline reads it here). Validated once, so a typo in the time zone is
 * a clear error, not a site full of wrong dates.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { IANAZone } from "luxon";
import { z } from "zod";

export const SiteSchema = z.object({
  title: z.string().min(1),
  description: z.string(),
  /** Absolute origin and path the site is served from, e.g. https://news.example.org/ */
  url: z.url().transform((u) => (u.endsWith("/") ? u : `${u}/`)),
  language: z.string().default("en"),
  timeZone: z.string().refine((zone) => IANAZone.isValidZone(zone), "is not an IANA time zone (e.g. Europe/London)"),
  /** Folder the site is served from on its host, e.g. /news/ (Eleventy's pathPrefix). */
  pathPrefix: z.string().regex(/^\/([\w-]+\/)*$/, "must look like / or /news/").default("/"),
  publisher: z.object({ name: z.string(), logo: z.string().optional() }),
  /** How many articles the home page lists before pointing to the archives. */
  homeLimit: z.number().int().positive().default(60),
});
export type Site = z.output<typeof SiteSchema>;

export const SITE_FILE = path.resolve(import.meta.dirname, "../../_data/site.json");

export function loadSite(file = SITE_FILE): Site {
  const parsed = SiteSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
  if (!parsed.success) {
    throw new Error(`${path.relative(process.cwd(), file)}: ${z.prettifyError(parsed.error)}`, { cause: parsed.error });
  }
  return parsed.data;
}
