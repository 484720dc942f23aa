/** One page per year, /YYYY/: its months and days, with counts. */
import { yearPage } from "../../../_includes/lists.ts";
import { safePermalink } from "../../publish/paths.ts";
import type { ArchiveYear } from "../archives.ts";
import type { Newsroom } from "../site-data.ts";

interface Data {
  newsroom: Newsroom;
  year: ArchiveYear;
  pagination: { pageNumber: number };
}

export const data = {
  pagination: { data: "newsroom.years", size: 1, alias: "year" },
  permalink: (d: Data) => safePermalink(d.year.url),
  eleventyExcludeFromCollections: true,
};

export function render(d: Data) {
  const i = d.pagination.pageNumber;
  return yearPage(d.year, d.newsroom.years[i - 1], d.newsroom.years[i + 1], d.newsroom);
}
