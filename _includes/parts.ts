/** Small pieces several pages share: bylines, dates, pictures, article cards, breadcrumbs, pagers. */
import { displayDate, timeOfDay } from "../src/render/format.ts";
import { html, raw, type SafeHtml } from "../src/render/html.ts";
import type { Pager } from "../src/render/paginate.ts";
import type { ResponsiveImage } from "../src/render/plugins/images.ts";
import type { Crumb, Newsroom } from "../src/render/site-data.ts";
import type { Term } from "../src/render/taxonomy.ts";
import { href } from "../src/render/urls.ts";
import type { Site } from "../src/site/settings.ts";
import type { Article } from "../src/validate/schema.ts";

const LIST = new Intl.ListFormat("en", { type: "conjunction" });

/** An article's author list is one array shared by all its cards: format it once. */
const bylines = new WeakMap<readonly Term[], SafeHtml>();

/** "By A, B and C", each name linked to its author page. */
export function byline(authors: readonly Term[], site: Site): SafeHtml {
  if (authors.length === 0) return html``;
  let done = bylines.get(authors);
  if (!done) {
    const names = authors.map((t) => html`<a href="${href(site, t.url)}" rel="author">${t.name}</a>`.value);
    // Each name is already escaped; ListFormat only adds ", " and " and " between them.
    bylines.set(authors, (done = html`By ${raw(LIST.format(names))}`));
  }
  return done;
}

export const timeTag = (iso: string, dateOnly: boolean, zone: string) => html`<time datetime="${iso}">${displayDate(iso, dateOnly, zone)}</time>`;

/** A card under a day heading shows only the time; a date-only article shows nothing. */
const cardTime = (a: Article, zone: string, underDay: boolean) =>
  underDay ? (a.dateOnly ? "" : html`<time datetime="${a.date}">${timeOfDay(a.date, zone)}</time>`) : timeTag(a.date, a.dateOnly, zone);

export interface PictureOptions {
  /** The `sizes` attribute: how wide the image is shown. */
  sizes: string;
  /** Above the fold (the article's lead image): load at once. */
  eager?: boolean;
  className?: string;
}

/** A responsive <picture> from eleventy-img, or a plain <img> for a web image (size unknown). */
export function picture(site: Site, image: { src: string; alt: string }, processed: ResponsiveImage | undefined, opts: PictureOptions): SafeHtml {
  const loading = opts.eager ? html`loading="eager" fetchpriority="high"` : html`loading="lazy"`;
  if (processed) {
    return html`<picture${opts.className ? html` class="${opts.className}"` : ""}>${processed.sources.map(
      (s) => html`<source type="${s.type}" srcset="${s.widths.map((w) => `${href(site, w.url)} ${w.width}w`).join(", ")}" sizes="${opts.sizes}">`,
    )}<img src="${href(site, processed.src)}" width="${processed.width}" height="${processed.height}" alt="${image.alt}" ${loading} decoding="async"></picture>`;
  }
  if (/^https:\/\//.test(image.src)) {
    return html`<img${opts.className ? html` class="${opts.className}"` : ""} src="${image.src}" alt="${image.alt}" ${loading} decoding="async">`;
  }
  return html``;
}

/** The image an article shows: processed local files and web images; a local file that failed is left out. */
export function articleImage(a: Article, newsroom: Newsroom): { image: { src: string; alt: string }; processed?: ResponsiveImage } | undefined {
  if (!a.image) return undefined;
  const processed = newsroom.images.get(a.image.src);
  if (processed || /^https:\/\//.test(a.image.src)) return { image: a.image, processed };
  return undefined;
}

export interface CardOptions {
  /** Heading level of the card title: under a day heading (h2) it is h3. */
  level: 2 | 3;
  /** Under a day heading: show the time of day only. */
  underDay: boolean;
  lead?: boolean;
}

export function articleCard(a: Article, newsroom: Newsroom, { level, underDay, lead }: CardOptions): SafeHtml {
  const { site } = newsroom;
  const ctx = newsroom.context.get(a.url);
  const img = articleImage(a, newsroom);
  const title = html`<a href="${href(site, a.url)}">${a.title}</a>`;
  const section = ctx?.categories[0];
  return html`<li class="card${lead ? " card--lead" : ""}${img ? " card--image" : ""}">
  <article>
    ${img ? picture(site, img.image, img.processed, { sizes: lead ? "(min-width: 60em) 40rem, 100vw" : "(min-width: 60em) 12rem, 30vw", className: "card__image" }) : ""}
    ${section ? html`<p class="card__section"><a href="${href(site, section.url)}">${section.name}</a></p>` : ""}
    ${level === 3 ? html`<h3 class="card__title">${title}</h3>` : html`<h2 class="card__title">${title}</h2>`}
    <p class="card__dek">${a.dek ?? a.description}</p>
    <p class="meta">${ctx?.authors.length ? html`<span class="byline">${byline(ctx.authors, site)}</span>` : ""} ${cardTime(a, site.timeZone, underDay)}${a.status !== "published" ? html` <span class="flag flag--${a.status}">${a.status}</span>` : ""}</p>
  </article>
</li>`;
}

export function breadcrumbs(crumbs: readonly Crumb[], site: Site): SafeHtml {
  return html`<nav class="crumbs" aria-label="Breadcrumb"><ol>${crumbs.map((c) => html`<li><a href="${href(site, c.url)}">${c.label}</a></li>`)}</ol></nav>`;
}

/** Numbered pages around the current one, with first/previous/next/last: O(1) links per page. */
export function pagerNav(pager: Pager, site: Site, label: string): SafeHtml {
  if (pager.count <= 1) return html``;
  const link = (url: string | undefined, text: string, rel?: string) =>
    url ? html`<a href="${href(site, url)}"${rel ? html` rel="${rel}"` : ""}>${text}</a>` : html`<span class="pager__off" aria-hidden="true">${text}</span>`;
  const showFirst = pager.window[0]!.number > 1;
  const showLast = pager.window.at(-1)!.number < pager.count;
  return html`<nav class="pager" aria-label="${label}">
  <p class="pager__status">Page ${pager.number} of ${pager.count}</p>
  <ul>
    <li>${link(pager.prev, "← Newer", "prev")}</li>
    ${showFirst ? html`<li><a href="${href(site, pager.first)}">1</a></li>${pager.window[0]!.number > 2 ? html`<li aria-hidden="true">\u2026</li>` : ""}` : ""}
    ${pager.window.map((p) =>
      p.number === pager.number
        ? html`<li><a href="${href(site, p.url)}" aria-current="page">${p.number}</a></li>`
        : html`<li><a href="${href(site, p.url)}">${p.number}</a></li>`,
    )}
    ${showLast ? html`${pager.window.at(-1)!.number < pager.count - 1 ? html`<li aria-hidden="true">\u2026</li>` : ""}<li><a href="${href(site, pager.last)}">${pager.count}</a></li>` : ""}
    <li>${link(pager.next, "Older →", "next")}</li>
  </ul>
</nav>`;
}
