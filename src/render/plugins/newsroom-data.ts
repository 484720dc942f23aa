/**
 * Global data: every page sees the same validated records under `newsroom`,
 * grouped once per build (site-data.ts). Article images are processed here,
 * before any page renders, because pages need their sizes; they are written
 * into the build's own output folder.
 */
import type { UserConfig } from "@11ty/eleventy";
import { buildTime, getSite, loadNewsroom } from "../newsroom.ts";
import { newsroomData } from "../site-data.ts";
import { processImages } from "./images.ts";

export function newsroomGlobalData(eleventyConfig: UserConfig): void {
  eleventyConfig.addGlobalData("newsroom", async () => {
    const [ingested, site] = [await loadNewsroom(), getSite()];
    const images = await processImages(ingested.assets, eleventyConfig.directories.output);
    return newsroomData(ingested, site, { now: buildTime(), images });
  });
}
