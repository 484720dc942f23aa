/**
 * What every page template receives from Eleventy under `newsroom`: the
 * validated site settings and the records, grouped once for the whole build
 * (never recomputed inside a per-page template).
 */
import type { Ingested } from "../ingest.ts";
import type { Site } from "../site/settings.ts";
import type { Article } from "../validate/schema.ts";

export interface DayGroup {
  /** YYYY-MM-DD in the site zone. */
  day: string;
  articles: Article[];
}

export interface Newsroom extends Ingested {
  site: Site;
  /** Newest days first, at most `site.homeLimit` articles. */
  home: DayGroup[];
}

/** Articles are already newest first; consecutive runs of the same day form a group. */
export function groupByDay(articles: readonly Article[]): DayGroup[] {
  const groups: DayGroup[] = [];
  for (const a of articles) {
    const last = groups.at(-1);
    if (last?.day === a.day) last.articles.push(a);
    else groups.push({ day: a.day, articles: [a] });
  }
  return groups;
}

export const newsroomData = (ingested: Ingested, site: Site): Newsroom => ({
  ...ingested,
  site,
  home: groupByDay(ingested.articles.slice(0, site.homeLimit)),
});

/** Site-relative path with the site's path prefix (for a site served from a subfolder). */
export const href = (site: Site, path: string) => `${site.pathPrefix}${path.replace(/^\//, "")}`;
/** Absolute URL for canonical links, feeds and sitemaps. */
export const absoluteUrl = (site: Site, path: string) => new URL(href(site, path), site.url).href;
