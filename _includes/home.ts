/** The home page: the latest articles under day headings in the site zone, newest first, then the way to the archive. */
import { dayHeading } from "../src/render/format.ts";
import { html } from "../src/render/html.ts";
import type { Newsroom } from "../src/render/site-data.ts";
import { websiteLd } from "../src/render/structured-data.ts";
import { href } from "../src/render/urls.ts";
import { layout } from "./layout.ts";
import { articleCard } from "./parts.ts";

export function homePage(newsroom: Newsroom): string {
  const { site } = newsroom;
  const body = html`<h1 class="visually-hidden">${site.title}: latest news</h1>
${newsroom.home.length === 0 ? html`<p class="empty">No articles yet.</p>` : ""}
${newsroom.home.map(
  (g, i) => html`<section class="day" aria-labelledby="day-${g.day}">
  <h2 class="day__heading" id="day-${g.day}"><time datetime="${g.day}">${dayHeading(g.day)}</time></h2>
  <ul class="cards">${g.articles.map((a, j) => articleCard(a, newsroom, { level: 3, underDay: true, lead: i === 0 && j === 0 }))}</ul>
</section>`,
)}
<nav class="more" aria-label="Archive">
  <p><a class="more__link" href="${href(site, "/archive/")}">Browse the archive</a> <span class="more__hint">every article, by year, month and day</span></p>
</nav>`;
  return layout({ newsroom, url: "/", title: site.title, description: site.description, body, section: "/", jsonLd: [websiteLd(site)] });
}
