/**
 * URLs from the site settings. Pages link with `href` (site-relative, with the
 * path prefix, so a site served from /news/ works); anything read outside the
 * site (canonical links, feeds, sitemaps, social cards) uses `absoluteUrl`.
 */
import type { Site } from "../site/settings.ts";

/** Site-relative path with the site's path prefix. */
export const href = (site: Site, path: string) => `${site.pathPrefix}${path.replace(/^\//, "")}`;

/** Absolute URL on the site's origin; web URLs (an image on another host) pass through. */
export const absoluteUrl = (site: Site, path: string) => (/^https?:\/\//i.test(path) ? path : new URL(href(site, path), site.url).href);
