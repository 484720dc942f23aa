/** One page per story with more than one report: /stories/<id>/. */
import { storyPage } from "../../../_includes/story.ts";
import { safePermalink } from "../../publish/paths.ts";
import type { Newsroom } from "../site-data.ts";
import type { StoryPage } from "../stories.ts";

interface Data {
  newsroom: Newsroom;
  story: StoryPage;
}

export const data = {
  pagination: { data: "newsroom.stories.pages", size: 1, alias: "story" },
  permalink: (d: Data) => safePermalink(d.story.url),
  eleventyExcludeFromCollections: true,
};

export const render = (d: Data) => storyPage(d.story, d.newsroom);
