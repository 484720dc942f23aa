/**
 * "More on this story": the slot on the article page for other coverage of
 * the same event. Filled by the story-coverage work (src/stories/); until an
 * article's story has other members it renders nothing.
 */
import { html, type SafeHtml } from "../src/render/html.ts";
import type { Newsroom } from "../src/render/site-data.ts";
import type { Article } from "../src/validate/schema.ts";

export function moreOnThisStory(article: Article, newsroom: Newsroom): SafeHtml {
  void article;
  void newsroom;
  return html``;
}
