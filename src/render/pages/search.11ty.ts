/** /search/: the Pagefind search page. */
import { searchPage } from "../../../_includes/search.ts";
import type { Newsroom } from "../site-data.ts";

export const data = { permalink: "/search/", eleventyExcludeFromCollections: true };

export const render = (d: { newsroom: Newsroom }) => searchPage(d.newsroom);
