/**
 * Static files: the stylesheet, icons and search script. Article images are
 * not copied as they are: eleventy-img writes their sized versions (images.ts),
 * and pages, feeds and sitemaps link only those.
 */
import type { UserConfig } from "@11ty/eleventy";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";

/** Copied as they are, from this folder (relative to the project, as Eleventy takes it) into `assets/`. */
const STATIC_FROM = "_includes/assets";
const STATIC_TO = "assets";

export function staticAssets(eleventyConfig: UserConfig): void {
  eleventyConfig.addPassthroughCopy({ [STATIC_FROM]: STATIC_TO });
}

/**
 * The files the copy puts in the site, relative to its folder (`assets/site.css`), for its
 * manifest: Eleventy copies over what is there and never deletes, so a build removes from the
 * live site the files a previous build copied that the project no longer has (write-site.ts).
 */
export function staticFiles(): string[] {
  const from = path.resolve(STATIC_FROM);
  // No folder, nothing to copy (Eleventy copies nothing either).
  if (!existsSync(from)) return [];
  return readdirSync(from, { recursive: true, withFileTypes: true })
    .filter((d) => !d.isDirectory())
    .map((d) => [STATIC_TO, ...path.relative(from, path.join(d.parentPath, d.name)).split(path.sep)].join("/"))
    .sort();
}
