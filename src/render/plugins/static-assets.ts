/**
 * Static files: the stylesheet, icons and search script. Article images are
 * not copied as they are: eleventy-img writes their sized versions (images.ts),
 * and pages, feeds and sitemaps link only those.
 */
import type { UserConfig } from "@11ty/eleventy";

export function staticAssets(eleventyConfig: UserConfig): void {
  eleventyConfig.addPassthroughCopy({ "_includes/assets": "assets" });
}
