/**
 * One article page: section, headline, dek, byline, dates, reading time, lead
 * image, body, tags, the story slot, and the neighbouring articles by date.
 * Only the <article> element is indexed for search (data-pagefind-body);
 * bylines, dates and tag lists inside it are left out of the index but give
 * Pagefind its tag filter.
 */
import { dayUrl } from "../src/render/archives.ts";
import { dayHeading, displayDate } from "../src/render/format.ts";
import { html, raw } from "../src/render/html.ts";
import type { ArticleContext, Newsroom } from "../src/render/site-data.ts";
import { newsArticleLd, breadcrumbLd } from "../src/render/structured-data.ts";
import { href } from "../src/render/urls.ts";
import type { Article } from "../src/validate/schema.ts";
import { layout } from "./layout.ts";
import { articleImage, breadcrumbs, byline, picture, timeTag } from "./parts.ts";
import { derivedNotice, moreOnThisStory } from "./story.ts";
import { originalOf } from "../src/render/stories.ts";

const EMPTY: ArticleContext = { tags: [], categories: [], authors: [] };

const neighbour = (a: Article | undefined, label: string, rel: string, newsroom: Newsroom) =>
  a
    ? html`<li class="prevnext__${rel}"><a href="${href(newsroom.site, a.url)}" rel="${rel}"><span class="prevnext__label">${label}</span> <span class="prevnext__title">${a.title}</span></a></li>`
    : "";

export function articlePage(a: Article, newsroom: Newsroom): string {
  const { site } = newsroom;
  const ctx = newsroom.context.get(a.url) ?? EMPTY;
  const img = articleImage(a, newsroom);
  const section = ctx.categories[0];
  // Where the article sits: its section, else its day in the archive.
  const crumbs = [{ label: "Home", url: "/" }, section ? { label: section.name, url: section.url } : { label: dayHeading(a.day), url: dayUrl(a.day) }];
  const body = html`${breadcrumbs(crumbs, site)}
<article class="article" data-pagefind-body>
  <header class="article__header">
    ${a.status !== "published" ? html`<p class="flag flag--${a.status}" data-pagefind-ignore>${a.status}</p>` : ""}
    ${section ? html`<p class="kicker" data-pagefind-ignore><a href="${href(site, section.url)}">${section.name}</a></p>` : ""}
    <h1 class="article__title">${a.title}</h1>
    ${a.dek ? html`<p class="dek">${a.dek}</p>` : ""}
    <div class="article__meta" data-pagefind-ignore>
      ${ctx.authors.length ? html`<p class="meta"><span class="byline">${byline(ctx.authors, site)}</span></p>` : ""}
      <p class="meta">
        <span class="published">${timeTag(a.date, a.dateOnly, site.timeZone)}</span>
        ${a.updated ? html`<span class="updated">Updated <time datetime="${a.updated}">${displayDate(a.updated, false, site.timeZone)}</time></span>` : ""}
        <span class="reading-time">${a.readingMinutes} min read</span>
      </p>
    </div>
    ${derivedNotice(a, newsroom)}
  </header>
  ${img ? html`<figure class="article__image">${picture(site, img.image, img.processed, { sizes: "(min-width: 48em) 46rem, 100vw", eager: true })}</figure>` : ""}
  <div class="article__body">
${raw(a.html)}
  </div>
  ${ctx.tags.length || ctx.categories.length
    ? html`<footer class="article__footer" data-pagefind-ignore>
    <h2 class="visually-hidden">Filed under</h2>
    <ul class="tags">${ctx.categories.map((t) => html`<li class="tags__section"><a href="${href(site, t.url)}">${t.name}</a></li>`)}${ctx.tags.map(
      (t) => html`<li><a href="${href(site, t.url)}" data-pagefind-filter="tag">${t.name}</a></li>`,
    )}</ul>
  </footer>`
    : ""}
</article>
${moreOnThisStory(a, newsroom)}
${ctx.older || ctx.newer
  ? html`<nav class="prevnext" aria-label="Older and newer articles">
  <ul>
    ${neighbour(ctx.older, "Previous article", "prev", newsroom)}
    ${neighbour(ctx.newer, "Next article", "next", newsroom)}
  </ul>
</nav>`
  : ""}`;
  const images = img ? [img.processed?.largest ?? img.image.src] : [];
  return layout({
    newsroom,
    url: a.url,
    title: a.title,
    description: a.description,
    body,
    width: "text",
    section: section?.url,
    noindex: a.status !== "published",
    canonical: originalOf(a, newsroom.stories)?.url,
    image: img && { url: images[0]!, alt: img.image.alt, width: img.processed?.width, height: img.processed?.height },
    article: {
      published: a.date,
      modified: a.updated,
      section: section?.name,
      tags: ctx.tags.map((t) => t.name),
      authors: ctx.authors.map((t) => t.url),
    },
    jsonLd: [newsArticleLd({ article: a, authors: ctx.authors, images }, site), breadcrumbLd([...crumbs, { label: a.title, url: a.url }], site)],
  });
}
