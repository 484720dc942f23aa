/** The Atom feed (/feed.xml) and the JSON Feed (/feed.json): the newest articles, full text. */
import { ATOM_URL, JSON_FEED_URL, atomFeed, jsonFeed } from "../feeds.ts";
import type { Newsroom } from "../site-data.ts";

interface Data {
  newsroom: Newsroom;
  feedUrl: string;
}

export const data = {
  feedUrls: [ATOM_URL, JSON_FEED_URL],
  pagination: { data: "feedUrls", size: 1, alias: "feedUrl" },
  permalink: (d: Data) => d.feedUrl,
  eleventyExcludeFromCollections: true,
};

export const render = (d: Data) => (d.feedUrl === ATOM_URL ? atomFeed(d.newsroom) : jsonFeed(d.newsroom));
