/** One article page: headline, dek, byline, dateline, dates, body, tags. */
import { html, raw } from "../src/render/html.ts";
import { displayDate } from "../src/render/format.ts";
import { href, type Newsroom } from "../src/render/site-data.ts";
import type { Article } from "../src/validate/schema.ts";
import { layout } from "./layout.ts";

export const byline = (a: Article) => (a.authors.length ? `By ${new Intl.ListFormat("en", { type: "conjunction" }).format(a.authors)}` : "");

export const timeTag = (a: Article, zone: string) => html`<time datetime="${a.date}">${displayDate(a.date, a.dateOnly, zone)}</time>`;

export function articlePage(a: Article, { site }: Newsroom): string {
  const body = html`<article class="article">
  <header class="article__header">
    ${a.status !== "published" ? html`<p class="flag flag--${a.status}">${a.status}</p>` : ""}
    ${a.categories[0] ? html`<p class="kicker">${a.categories[0]}</p>` : ""}
    <h1 class="article__title">${a.title}</h1>
    ${a.dek ? html`<p class="dek">${a.dek}</p>` : ""}
    <p class="meta">
      ${a.authors.length ? html`<span class="byline">${byline(a)}</span>` : ""}
      ${timeTag(a, site.timeZone)}
      ${a.updated ? html`<span class="updated">Updated <time datetime="${a.updated}">${displayDate(a.updated, false, site.timeZone)}</time></span>` : ""}
      <span class="reading-time">${a.readingMinutes} min read</span>
    </p>
  </header>
  ${a.image ? html`<figure class="article__image"><img src="${a.image.src.startsWith("/") ? href(site, a.image.src) : a.image.src}" alt="${a.image.alt}" loading="lazy" decoding="async"></figure>` : ""}
  <div class="article__body">
${raw(a.html)}
  </div>
  ${a.tags.length ? html`<footer class="article__footer"><h2 class="visually-hidden">Tags</h2><ul class="tags">${a.tags.map((t) => html`<li>${t}</li>`)}</ul></footer>` : ""}
</article>`;
  return layout({ site, url: a.url, title: a.title, description: a.description, body });
}
