/** Static files: the stylesheet, icons and search script, and the original image files seeds name (/media/). */
import type { UserConfig } from "@11ty/eleventy";
import { copyAssets } from "../../publish/assets.ts";
import { loadNewsroom } from "../newsroom.ts";

export function staticAssets(eleventyConfig: UserConfig): void {
  eleventyConfig.addPassthroughCopy({ "_includes/assets": "assets" });
  eleventyConfig.on("eleventy.after", async ({ directories }) => copyAssets((await loadNewsroom()).assets, directories.output));
}
