/**
 * The search page. Pagefind writes the index in parts (the recent articles,
 * then the archive's, src/render/search-parts.ts), each in its own folder,
 * and their list beside them; the page loads the UI from /pagefind/, then the
 * list, and searches the parts merged. So the page never changes with the
 * parts, and a build that leaves search out keeps the live index and its list
 * as they were. Everything is static files: it works on any static host, also
 * under a path prefix. `?q=` runs a search and `?tag=` sets the tag filter
 * (links from topic pages). Without JavaScript, or without an index (the
 * preview of `npm start`, a site built with `--no-search` before any index),
 * the page says where else to look.
 */
import { html } from "../src/render/html.ts";
import type { Newsroom } from "../src/render/site-data.ts";
import { ARCHIVE_FOLDER, PARTS_FILE } from "../src/render/search-parts.ts";
import { href } from "../src/render/urls.ts";
import { layout } from "./layout.ts";

export function searchPage(newsroom: Newsroom): string {
  const { site } = newsroom;
  const elsewhere = html`Browse the <a href="${href(site, "/archive/")}">archive</a> or the <a href="${href(site, "/tags/")}">topics</a> instead.`;
  const body = html`<header class="list__header">
  <h1 class="list__title">Search</h1>
  <p class="list__count">Search the text of every article; narrow the results by topic.</p>
</header>
<div id="search" class="search" data-bundle-path="${href(site, `/${ARCHIVE_FOLDER}/`)}" data-parts="${href(site, `/${PARTS_FILE}`)}" data-base-url="${site.pathPrefix}" data-label="Words to find in articles"></div>
<noscript><p class="empty">Search needs JavaScript. ${elsewhere}</p></noscript>
<p class="empty" id="search-unavailable" hidden>Search is not available at the moment. ${elsewhere}</p>`;
  return layout({
    newsroom,
    url: "/search/",
    title: "Search",
    description: `Search every article of ${site.title}.`,
    body,
    section: "/search/",
    noindex: true,
    head: html`<link rel="stylesheet" href="${href(site, "/pagefind/pagefind-ui.css")}">`,
    scripts: ["/pagefind/pagefind-ui.js", "/assets/search.js"],
  });
}
