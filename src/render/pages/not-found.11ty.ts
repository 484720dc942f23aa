/** /404.html: static hosts serve it for missing URLs. */
import { notFoundPage } from "../../../_includes/not-found.ts";
import type { Newsroom } from "../site-data.ts";

export const data = { permalink: "/404.html", eleventyExcludeFromCollections: true };

export const render = (d: { newsroom: Newsroom }) => notFoundPage(d.newsroom);
