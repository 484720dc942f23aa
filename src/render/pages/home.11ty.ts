/** The home page: the latest articles grouped by day. */
import { homePage } from "../../../_includes/home.ts";
import type { Newsroom } from "../site-data.ts";

export const data = { permalink: "/", eleventyExcludeFromCollections: true };

export const render = (d: { newsroom: Newsroom }) => homePage(d.newsroom);
