/**
 * URLs from the site settings. Pages link with `href` (site-relative, with the
 * path prefix, so a site served from /news/ works); anything read outside the
 * site (canonical links, feeds, sitemaps, social cards) uses `absoluteUrl`.
 */
import type { Site } from "../site/settings.ts";

/** Site-relative path with the site's path prefix. */
export const href = (site: Site, path: string) => `${site.pathPrefix}${path.replace(/^\//, "")}`;

/** The site's origin, for each settings object (the URL parser is the slow part of every page's head). */
const origins = new WeakMap<Site, string>();
/** Paths the URL parser would return unchanged: our page, feed and image URLs. */
const PLAIN_PATH = /^\/[A-Za-z0-9\-._~/]*$/;
const isPlain = (path: string) => PLAIN_PATH.test(path) && !path.includes("/.");

function originOf(site: Site): string {
  let origin = origins.get(site);
  if (origin === undefined) origins.set(site, (origin = new URL(site.url).origin));
  return origin;
}

/** Absolute URL on the site's origin; web URLs (an image on another host) pass through. */
export function absoluteUrl(site: Site, path: string): string {
  if (/^https?:\/\//i.test(path)) return path;
  const local = href(site, path);
  if (!isPlain(local)) return new URL(local, site.url).href;
  return originOf(site) + local;
}

/**
 * `absoluteUrl` for the many paths of one site (a sitemap lists 100,000s): a site path the URL
 * parser would return unchanged is joined to the origin and prefix found once (the prefix is
 * plain: settings.ts), any other goes through `absoluteUrl`.
 */
export function absoluteUrls(site: Site): (path: string) => string {
  const start = originOf(site) + site.pathPrefix;
  return (path) => (isPlain(path) ? start + path.slice(1) : absoluteUrl(site, path));
}
