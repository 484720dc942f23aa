/**
 * Fingerprints of pages: a hash of what a page shows (its `inputs`, see
 * src/render/site-pages.ts), of what every page shares, and of the rendering
 * code itself. Two builds that give a page the same fingerprint write the
 * same bytes for it, so an incremental build renders only pages whose
 * fingerprint changed: the dependency map from seeds to pages falls out of
 * the inputs, with no list of "pages affected by a seed" to keep in sync.
 *
 * Inside inputs, an article stands for its key (a hash of its whole record,
 * its own terms and its processed image), and a term for its name and URL:
 * a page listing an article changes with the article, not with every other
 * article of the article's tags.
 */
import { createHash } from "node:crypto";
import type { ArticleContext, Newsroom } from "../render/site-data.ts";
import { searchParts } from "../render/search-parts.ts";
import { sharedInputs, type SitePage } from "../render/site-pages.ts";
import type { Term } from "../render/taxonomy.ts";
import { sourceGraphHash } from "../threads/source-hash.ts";
import type { Article } from "../validate/schema.ts";

const sha1 = (text: string) => createHash("sha1").update(text).digest("base64url");

/** The rendering code: every page template and the modules they import, with the runtime. */
const renderVersion = (() => {
  let version: string | undefined;
  return () => (version ??= sourceGraphHash(new URL("../render/site-pages.ts", import.meta.url)));
})();

const termKey = (t: Term) => `${t.kind}\u0000${t.name}\u0000${t.url}`;

/** What an article's card and page show of its context, besides its neighbours. */
const ownContext = (ctx: ArticleContext | undefined) =>
  ctx && [ctx.tags.map(termKey), ctx.categories.map(termKey), ctx.authors.map(termKey), ctx.image ?? null];

/** An article's fields but its bodies, read without touching them (a cached record decodes them on first read). */
export function withoutBodies(a: Article): Article {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(a)) if (key !== "html" && key !== "text") copy[key] = a[key as keyof Article];
  copy.html = copy.text = "";
  return copy as unknown as Article;
}

/**
 * The bodies count through the article's `revision` (a hash of what they were made from), else as
 * they are: hashed directly, since escaping them for JSON first would cost four times as much.
 */
function articleKey(a: Article, ctx: ArticleContext | undefined): string {
  const h = createHash("sha1");
  if (a.revision) h.update(a.revision);
  else h.update(a.html).update("\u0000").update(a.text);
  return `a:${h.update(JSON.stringify([withoutBodies(a), ownContext(ctx)])).digest("base64url")}`;
}

export interface Fingerprints {
  /** One per page, in the order given. */
  pages: string[];
  /** Each part of the search index, by folder: its published articles (searchRecords, src/render/plugins/search.ts). */
  search: Record<string, string>;
}

export function fingerprints(pages: readonly SitePage[], n: Newsroom): Fingerprints {
  const standIns = new WeakMap<object, string>();
  for (const a of n.articles) standIns.set(a, articleKey(a, n.context.get(a.url)));
  for (const kind of ["tag", "category", "author"] as const) for (const t of n.taxonomies[kind].terms) standIns.set(t, termKey(t));
  const replacer = (_key: string, value: unknown) => (typeof value === "object" && value !== null && standIns.get(value)) || value;
  // What every page shares, hashed once: each page's hash starts from a copy.
  const shared = createHash("sha1").update(`${renderVersion()}\u0000${JSON.stringify(sharedInputs(n))}\u0000`);
  return {
    pages: pages.map((p) => shared.copy().update(`${p.url}\u0000${JSON.stringify(p.inputs, replacer) ?? ""}`).digest("base64url")),
    search: Object.fromEntries(searchParts(n).map((part) => [part.folder, sha1(JSON.stringify([n.site.language, part.articles], replacer))])),
  };
}
