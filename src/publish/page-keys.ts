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
import { createHash, hash } from "node:crypto";
import type { ArticleContext, Newsroom } from "../render/site-data.ts";
import { searchParts } from "../render/search-parts.ts";
import { sharedInputs, type SitePage } from "../render/site-pages.ts";
import type { Term } from "../render/taxonomy.ts";
import { sourceGraphHash } from "../threads/source-hash.ts";
import type { Article } from "../validate/schema.ts";

/** One call, no hash object: 10,000s of small inputs a build. */
const sha1 = (text: string) => hash("sha1", text, "base64url");

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
 * What the per-file stage makes of a seed's bytes (src/ingest/file.ts) and no site-wide step
 * changes (tests/unit/page-keys.test.ts): an article's `revision` stands for these fields, as it
 * does for the bodies. The others (file, status, slug, url, dates, story fields, sources, and any
 * field added later) change after that stage, or may, and are hashed as they are.
 */
export const SET_BY_REVISION: ReadonlySet<string> = new Set<keyof Article>([
  "html", "text", "title", "dek", "authors", "dateline", "tags", "categories", "image", "imageAlt", "draft", "updated",
  "description", "wordCount", "readingMinutes", "textHash", "revision",
]);

/**
 * With a `revision`, the article's fields but those it stands for (at 10k articles, JSON of
 * whole records was a third of planning a rebuild's pages); without, every field, the bodies
 * hashed directly, since escaping them for JSON first would cost four times as much.
 */
function articleKey(a: Article, ctx: ArticleContext | undefined): string {
  if (a.revision) {
    const others: unknown[] = [];
    for (const key in a) if (!SET_BY_REVISION.has(key)) others.push(key, a[key as keyof Article]);
    return `a:${sha1(`${a.revision}\u0000${JSON.stringify([others, ownContext(ctx)])}`)}`;
  }
  const h = createHash("sha1").update(a.html).update("\u0000").update(a.text);
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
  // What every page shares, hashed once: each page's hash starts from its hash.
  const shared = sha1(`${renderVersion()}\u0000${JSON.stringify(sharedInputs(n))}`);
  return {
    pages: pages.map((p) => sha1(`${shared}\u0000${p.url}\u0000${JSON.stringify(p.inputs, replacer) ?? ""}`)),
    search: Object.fromEntries(searchParts(n).map((part) => [part.folder, sha1(JSON.stringify([n.site.language, part.articles], replacer))])),
  };
}
