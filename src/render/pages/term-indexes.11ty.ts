/** /tags/, /categories/ and /authors/: every term with its article count. */
import { termIndexPage } from "../../../_includes/lists.ts";
import { safePermalink } from "../../publish/paths.ts";
import type { Newsroom, TermIndex } from "../site-data.ts";

interface Data {
  newsroom: Newsroom;
  termIndex: TermIndex;
}

export const data = {
  pagination: { data: "newsroom.termIndexes", size: 1, alias: "termIndex" },
  permalink: (d: Data) => safePermalink(d.termIndex.url),
  eleventyExcludeFromCollections: true,
};

export const render = (d: Data) => termIndexPage(d.termIndex, d.newsroom);
