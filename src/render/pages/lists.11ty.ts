/** Month, day, tag, category and author pages, each paginated: /2025/09/, /2025/09/page/2/, /tags/weather/, … */
import { listPage } from "../../../_includes/lists.ts";
import { safePermalink } from "../../publish/paths.ts";
import type { ListPage, Newsroom } from "../site-data.ts";

interface Data {
  newsroom: Newsroom;
  list: ListPage;
}

export const data = {
  pagination: { data: "newsroom.lists", size: 1, alias: "list" },
  permalink: (d: Data) => safePermalink(d.list.url),
  eleventyExcludeFromCollections: true,
};

export const render = (d: Data) => listPage(d.list, d.newsroom);
