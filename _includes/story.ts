/**
 * Story coverage on pages: "More on this story" under an article, the notice
 * on a report that closely follows another, and the story page listing all
 * coverage of one event in time order.
 */
import { displayDate } from "../src/render/format.ts";
import { html, type SafeHtml } from "../src/render/html.ts";
import type { Newsroom } from "../src/render/site-data.ts";
import { originalOf, type StoryPage } from "../src/render/stories.ts";
import { href } from "../src/render/urls.ts";
import type { Article } from "../src/validate/schema.ts";
import { layout } from "./layout.ts";
import { articleCard } from "./parts.ts";

/** How many other reports the article page lists before pointing to the story page. */
const MORE_LIMIT = 5;

export function moreOnThisStory(article: Article, newsroom: Newsroom): SafeHtml {
  const story = article.story ? newsroom.stories.byId.get(article.story) : undefined;
  if (!story) return html``;
  const others = story.articles.filter((a) => a !== article);
  const { site } = newsroom;
  return html`<aside class="story-coverage" aria-labelledby="more-on-this-story">
  <h2 id="more-on-this-story" class="story-coverage__heading">More on this story</h2>
  <ul class="story-coverage__list">${others.slice(0, MORE_LIMIT).map(
    (a) => html`<li><a href="${href(site, a.url)}">${a.title}</a> <span class="meta"><time datetime="${a.date}">${displayDate(a.date, a.dateOnly, site.timeZone)}</time></span></li>`,
  )}</ul>
  <p class="story-coverage__all"><a href="${href(site, story.url)}">All ${story.articles.length} reports on this story</a></p>
</aside>`;
}

/** "This report closely follows …": shown on a copy or rewrite, which also points its canonical link there. */
export function derivedNotice(article: Article, newsroom: Newsroom): SafeHtml {
  const original = originalOf(article, newsroom.stories);
  if (!original || !article.derivedFrom) return html``;
  return html`<p class="derived-notice" data-pagefind-ignore>This report closely follows <a href="${href(newsroom.site, original.url)}">${original.title}</a> (${Math.round(article.derivedFrom.similarity * 100)}% of its text matches).</p>`;
}

export function storyPage(story: StoryPage, newsroom: Newsroom): string {
  const { site } = newsroom;
  const first = story.articles[0]!;
  const last = story.articles.at(-1)!;
  const span = first.day === last.day
    ? displayDate(first.date, true, site.timeZone)
    : `${displayDate(first.date, true, site.timeZone)} to ${displayDate(last.date, true, site.timeZone)}`;
  const body = html`<header class="list__header">
  <p class="kicker">Story coverage</p>
  <h1 class="list__title">${story.lead.title}</h1>
  <p class="list__count">${story.articles.length} reports, ${span}, oldest first</p>
</header>
<ol class="cards cards--story">${story.articles.map((a) => articleCard(a, newsroom, { level: 2, underDay: false }))}</ol>`;
  return layout({
    newsroom,
    url: story.url,
    title: `Coverage: ${story.lead.title}`,
    description: `${story.articles.length} reports on this story, in the order they were published.`,
    body,
  });
}
