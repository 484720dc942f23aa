/** /archive/: every year and month, with counts. */
import { archiveIndex } from "../../../_includes/lists.ts";
import type { Newsroom } from "../site-data.ts";

export const data = { permalink: "/archive/", eleventyExcludeFromCollections: true };

export const render = (d: { newsroom: Newsroom }) => archiveIndex(d.newsroom);
