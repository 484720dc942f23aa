/** The home page: the dated index, newest first, under day headings in the site zone. */
import { html } from "../src/render/html.ts";
import { dayHeading } from "../src/render/format.ts";
import { href, type Newsroom } from "../src/render/site-data.ts";
import type { Article } from "../src/validate/schema.ts";
import { byline, timeTag } from "./article.ts";
import { layout } from "./layout.ts";

export const articleCard = (a: Article, newsroom: Newsroom) => html`<li class="card">
  <article>
    <h3 class="card__title"><a href="${href(newsroom.site, a.url)}">${a.title}</a></h3>
    <p class="card__dek">${a.dek ?? a.description}</p>
    <p class="meta">${a.authors.length ? html`<span class="byline">${byline(a)}</span>` : ""} ${timeTag(a, newsroom.site.timeZone)}</p>
  </article>
</li>`;

export function homePage(newsroom: Newsroom): string {
  const { site } = newsroom;
  const body = html`<h1 class="visually-hidden">${site.title}: latest news</h1>
${newsroom.home.length === 0 ? html`<p>No articles yet.</p>` : ""}
${newsroom.home.map(
  (g) => html`<section class="day" aria-labelledby="day-${g.day}">
  <h2 class="day__heading" id="day-${g.day}"><time datetime="${g.day}">${dayHeading(g.day, site.timeZone)}</time></h2>
  <ul class="cards">${g.articles.map((a) => articleCard(a, newsroom))}</ul>
</section>`,
)}`;
  return layout({ site, url: "/", title: site.title, description: site.description, body });
}
