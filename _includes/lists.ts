/**
 * Lists of articles and ways into them: month, day, tag, category and author
 * pages (paginated), year pages, the archive index and the term indexes.
 * Each renders only what ListPage/ArchiveYear hold: O(page), never the corpus.
 */
import type { ArchiveYear } from "../src/render/archives.ts";
import { dayHeading, monthHeading } from "../src/render/format.ts";
import { html, raw, type SafeHtml } from "../src/render/html.ts";
import type { Crumb, ListPage, Newsroom, TermIndex } from "../src/render/site-data.ts";
import { breadcrumbLd } from "../src/render/structured-data.ts";
import { href } from "../src/render/urls.ts";
import type { Site } from "../src/site/settings.ts";
import { layout } from "./layout.ts";
import { articleCard, breadcrumbs, pagerNav } from "./parts.ts";

/** The usual feed symbol (a dot and two arcs), in the link's colour; the link's text says what it is. */
const FEED_ICON = raw('<svg viewBox="0 0 8 8" aria-hidden="true" focusable="false"><circle cx="1.1" cy="6.9" r="1.1"/><path d="M0 3.2A4.8 4.8 0 0 1 4.8 8H3.4A3.4 3.4 0 0 0 0 4.6zM0 0a8 8 0 0 1 8 8H6.6A6.6 6.6 0 0 0 0 1.4z"/></svg>');

const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

function olderNewer(site: Site, newer: Crumb | undefined, older: Crumb | undefined, label: string): SafeHtml {
  if (!newer && !older) return html``;
  return html`<nav class="prevnext prevnext--list" aria-label="${label}">
  <ul>
    ${older ? html`<li class="prevnext__prev"><a href="${href(site, older.url)}" rel="prev"><span class="prevnext__label">Earlier</span> <span class="prevnext__title">${older.label}</span></a></li>` : ""}
    ${newer ? html`<li class="prevnext__next"><a href="${href(site, newer.url)}" rel="next"><span class="prevnext__label">Later</span> <span class="prevnext__title">${newer.label}</span></a></li>` : ""}
  </ul>
</nav>`;
}

export function listPage(page: ListPage, newsroom: Newsroom): string {
  const { site } = newsroom;
  const grouped = page.kind === "month";
  const title = page.pager.number > 1 ? `${page.heading}, page ${page.pager.number}` : page.heading;
  const body = html`${breadcrumbs(page.crumbs, site)}
<header class="list__header">
  <p class="kicker">${page.kicker}</p>
  <h1 class="list__title">${page.heading}</h1>
  <p class="list__count">${count(page.pager.total, "article")}${page.pager.count > 1 ? html` \u00b7 page ${page.pager.number} of ${page.pager.count}` : ""}</p>
  ${page.feed ? html`<p class="list__feed"><a href="${href(site, page.feed.url)}" type="application/atom+xml">${FEED_ICON}Follow ${page.kind === "author" ? page.heading : `this ${page.kicker.toLowerCase()}`} by feed</a></p>` : ""}
  ${page.related.length ? html`<nav class="days" aria-label="Days in ${page.heading}"><ul>${page.related.map((d) => html`<li><a href="${href(site, d.url)}">${d.label}</a></li>`)}</ul></nav>` : ""}
</header>
${grouped
  ? page.groups.map(
      (g) => html`<section class="day" aria-labelledby="day-${g.day}">
  <h2 class="day__heading" id="day-${g.day}"><a href="${href(site, `/${g.day.replaceAll("-", "/")}/`)}"><time datetime="${g.day}">${dayHeading(g.day)}</time></a></h2>
  <ul class="cards">${g.articles.map((a) => articleCard(a, newsroom, { level: 3, underDay: true }))}</ul>
</section>`,
    )
  : html`<ul class="cards">${page.groups.flatMap((g) => g.articles).map((a) => articleCard(a, newsroom, { level: 2, underDay: page.kind === "day" }))}</ul>`}
${pagerNav(page.pager, site, `Pages of ${page.heading}`)}
${olderNewer(site, page.newer, page.older, page.kind === "day" ? "Other days" : "Other months")}`;
  return layout({
    newsroom,
    url: page.url,
    title,
    description: page.description,
    body,
    section: { category: page.pager.first, tag: "/tags/", month: "/archive/", day: "/archive/", author: undefined }[page.kind],
    feed: page.feed,
    jsonLd: [breadcrumbLd([...page.crumbs, { label: page.heading, url: page.pager.first }], site)],
  });
}

export function yearPage(year: ArchiveYear, newer: ArchiveYear | undefined, older: ArchiveYear | undefined, newsroom: Newsroom): string {
  const { site } = newsroom;
  const crumbs = [{ label: "Home", url: "/" }, { label: "Archive", url: "/archive/" }];
  const body = html`${breadcrumbs(crumbs, site)}
<header class="list__header">
  <p class="kicker">Archive</p>
  <h1 class="list__title">${year.year}</h1>
  <p class="list__count">${count(year.count, "article")} in ${count(year.months.length, "month")}</p>
</header>
<div class="months">
${year.months.map(
  (m) => html`<section class="month" aria-labelledby="m-${m.month}">
  <h2 class="month__heading" id="m-${m.month}"><a href="${href(site, m.url)}">${monthHeading(m.month)}</a> <span class="month__count">${count(m.articles.length, "article")}</span></h2>
  <ul class="calendar">${m.days.map((d) => html`<li><a href="${href(site, d.url)}" aria-label="${dayHeading(d.day)}: ${count(d.articles.length, "article")}">${Number(d.day.slice(8))}</a></li>`)}</ul>
</section>`,
)}
</div>
${olderNewer(site, newer && { label: newer.year, url: newer.url }, older && { label: older.year, url: older.url }, "Other years")}`;
  return layout({
    newsroom,
    url: year.url,
    title: `${year.year} archive`,
    description: `${count(year.count, "article")} published in ${year.year}, by month and day.`,
    body,
    section: "/archive/",
    jsonLd: [breadcrumbLd([...crumbs, { label: year.year, url: year.url }], site)],
  });
}

export function archiveIndex(newsroom: Newsroom): string {
  const { site, years } = newsroom;
  const body = html`${breadcrumbs([{ label: "Home", url: "/" }], site)}
<header class="list__header">
  <h1 class="list__title">Archive</h1>
  <p class="list__count">${count(newsroom.articles.length, "article")}, by year and month</p>
</header>
${years.length === 0 ? html`<p class="empty">No articles yet.</p>` : ""}
<div class="years">
${years.map(
  (y) => html`<section class="year" aria-labelledby="y-${y.year}">
  <h2 class="year__heading" id="y-${y.year}"><a href="${href(site, y.url)}">${y.year}</a> <span class="month__count">${count(y.count, "article")}</span></h2>
  <ul class="month-list">${y.months.map((m) => html`<li><a href="${href(site, m.url)}">${monthHeading(m.month)}</a> <span class="month__count">${m.articles.length}</span></li>`)}</ul>
</section>`,
)}
</div>`;
  return layout({ newsroom, url: "/archive/", title: "Archive", description: `Every article of ${site.title}, by year, month and day.`, body, section: "/archive/" });
}

export function termIndexPage(index: TermIndex, newsroom: Newsroom): string {
  const { site } = newsroom;
  const noun = { tag: "topic", category: "section", author: "author" }[index.kind];
  const body = html`${breadcrumbs([{ label: "Home", url: "/" }], site)}
<header class="list__header">
  <h1 class="list__title">${index.heading}</h1>
  <p class="list__count">${count(index.terms.length, noun)}</p>
</header>
${index.terms.length === 0
  ? html`<p class="empty">No ${noun}s yet.</p>`
  : html`<ul class="term-list">${index.terms.map((t) => html`<li><a href="${href(site, t.url)}">${t.name}</a> <span class="month__count">${t.count}</span></li>`)}</ul>`}`;
  return layout({
    newsroom,
    url: index.url,
    title: index.heading,
    description: `All ${noun}s of ${site.title}, with how many articles each has.`,
    body,
    section: index.kind === "tag" ? "/tags/" : undefined,
  });
}
