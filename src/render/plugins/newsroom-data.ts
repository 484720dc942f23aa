/**
 * Global data: every page sees the same validated records under `newsroom`,
 * grouped once per build (site-data.ts). Article images are processed here,
 * before any page renders, because pages need their sizes; they are written
 * into the build's own output folder. The same data seeds the search index,
 * which a one-off build starts at once, beside the page writing.
 */
import type { UserConfig } from "@11ty/eleventy";
import { buildTime, getSite, loadNewsroom } from "../newsroom.ts";
import { newsroomData } from "../site-data.ts";
import { processImages } from "./images.ts";
import { prepareSearch } from "./search.ts";

export function newsroomGlobalData(eleventyConfig: UserConfig): void {
  eleventyConfig.addGlobalData("newsroom", async () => {
    const [ingested, site] = [await loadNewsroom(), getSite()];
    const images = await processImages(ingested.assets, eleventyConfig.directories.output);
    const newsroom = newsroomData(ingested, site, { now: buildTime(), images });
    const oneOff = process.env.ELEVENTY_RUN_MODE === "build";
    prepareSearch(newsroom, { eagerInto: oneOff ? eleventyConfig.directories.output : undefined });
    return newsroom;
  });
}
