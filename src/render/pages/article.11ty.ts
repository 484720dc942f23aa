/** One page per article, at its /YYYY/MM/DD/slug/ URL. */
import { articlePage } from "../../../_includes/article.ts";
import { safePermalink } from "../../publish/paths.ts";
import type { Newsroom } from "../site-data.ts";
import type { Article } from "../../validate/schema.ts";

interface Data {
  newsroom: Newsroom;
  article: Article;
}

export const data = {
  pagination: { data: "newsroom.articles", size: 1, alias: "article" },
  permalink: (d: Data) => safePermalink(d.article.url),
  eleventyExcludeFromCollections: true,
};

export const render = (d: Data) => articlePage(d.article, d.newsroom);
