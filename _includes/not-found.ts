/** The 404 page. Served for any missing URL at any depth, so every link in it is rooted at the path prefix. */
import { html } from "../src/render/html.ts";
import type { Newsroom } from "../src/render/site-data.ts";
import { href } from "../src/render/urls.ts";
import { layout } from "./layout.ts";
import { articleCard } from "./parts.ts";

export function notFoundPage(newsroom: Newsroom): string {
  const { site } = newsroom;
  const latest = newsroom.articles.slice(0, 5);
  const body = html`<header class="list__header">
  <p class="kicker">Error 404</p>
  <h1 class="list__title">This page could not be found</h1>
  <p class="list__count">It may have moved, or the address may be mistyped. Try the <a href="${href(site, "/search/")}">search</a>, the <a href="${href(site, "/archive/")}">archive</a> or the <a href="${href(site, "/")}">front page</a>.</p>
</header>
${latest.length ? html`<section aria-labelledby="latest"><h2 class="day__heading" id="latest">Latest</h2><ul class="cards">${latest.map((a) => articleCard(a, newsroom, { level: 3, underDay: false }))}</ul></section>` : ""}`;
  return layout({ newsroom, url: "/404.html", title: "Page not found", description: "This page could not be found.", body, noindex: true });
}
