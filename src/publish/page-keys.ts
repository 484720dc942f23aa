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
import { bundleVersion } from "../render/plugins/search-store.ts";
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

/** A term's key, which stands for it in page inputs: a hash of its kind, name and URL. */
const termKey = (t: Term) => sha1(`${t.kind}\u0000${t.name}\u0000${t.url}`);

/** Terms as their names (each after its length) and URLs: what a term key stands for, with no lookup of the key (70,000 at 10k articles). */
function termsText(terms: readonly Term[]): string {
  let text = "";
  for (const t of terms) text += `${t.name.length}"${t.name}${t.url}`;
  return text;
}

/** What an article's card and page show of its context, besides its neighbours: its terms and image. */
const ownContext = (ctx: ArticleContext | undefined): string =>
  ctx ? `${termsText(ctx.tags)}|${termsText(ctx.categories)}|${termsText(ctx.authors)}|${encode(ctx.image, noStandIn)}` : "";

const noStandIn = () => undefined;

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
 * field added later) change after that stage, or may, or are read by the site data (`updated`:
 * lists and sitemaps give the last change; `image`: sitemaps list its URL), and are hashed as
 * they are: an article's place.
 */
export const SET_BY_REVISION: ReadonlySet<string> = new Set<keyof Article>([
  "html", "text", "title", "dek", "authors", "dateline", "tags", "categories", "imageAlt", "draft",
  "description", "wordCount", "readingMinutes", "textHash", "revision",
]);

/** How much of the revision a key keeps: 132 bits. */
const REVISION_CHARS = 22;
const PLACED = "r:";

/**
 * An article's key. With a `revision`, `r:` + part of the revision + a hash of the article's
 * other fields (at 10k articles, JSON of whole records was a third of planning a rebuild's pages):
 * that hash is the article's place (`placeOf`), what the site does with it besides showing it
 * (its file, URL, dates, status, story, own terms and image). Without, every field, the bodies
 * hashed directly, since escaping them for JSON first would cost four times as much.
 */
function articleKey(a: Article, own: string): string {
  if (a.revision) {
    // Each field as its name, ":" and its value as `encode` writes it (a string inline: most are), which reads back one way only.
    let others = "";
    for (const key in a) {
      if (SET_BY_REVISION.has(key)) continue;
      const value = a[key as keyof Article];
      others += typeof value === "string" ? `${key}:${value.length}"${value}` : `${key}:${encode(value, noStandIn)}`;
    }
    return `${PLACED}${a.revision.slice(0, REVISION_CHARS)}${sha1(`${others}\u0000${own}`)}`;
  }
  const h = createHash("sha1").update(a.html).update("\u0000").update(a.text);
  return `a:${h.update(JSON.stringify([withoutBodies(a), own])).digest("base64url")}`;
}

/** The place part of a key (`articleKey`); undefined for an article without a revision. */
const placeOf = (key: string): string | undefined => (key.startsWith(PLACED) ? key.slice(PLACED.length + REVISION_CHARS) : undefined);

/**
 * What a manifest keeps of the articles, so that the next build fingerprints again only the pages
 * of articles, archives and terms (SitePage.byArticles: nearly all of them) that show an article
 * whose key changed, when every article kept its place. Those pages show articles through their
 * keys and otherwise only what follows from the places of all of them (which articles a list
 * holds, in which order, their dates and terms: tests/unit/page-keys.test.ts checks what the site
 * data reads of an article), so with the same places and the same pages, a page whose articles
 * kept their keys has the same inputs. A new date, tag, story or article changes a place, and
 * every page is fingerprinted again.
 */
export interface ArticleModel {
  /** A hash of what every page shares and of the page URLs in order: the same frame for the site. */
  frame: string;
  /** The hash of what every page shares alone (the frame's first part). */
  shared: string;
  /** Per article, in site order: its key. */
  keys: string[];
  /**
   * The pages showing each article, of those fingerprinted by their articles, as positions in the
   * page list: article i's are `shown[shownFrom[i]]` up to `shown[shownFrom[i + 1]]` (one flat list
   * reads and writes faster than one list per article).
   */
  shown: Int32Array;
  shownFrom: Int32Array;
}

export interface Fingerprints {
  /** One per page, in the order given. */
  pages: string[];
  /** Each part of the search index, by folder: its published articles (searchRecords, src/render/plugins/search.ts); none without `search`. */
  search?: Record<string, string>;
  /** For the next build (ArticleModel). */
  articles: ArticleModel;
  /** How many pages had their inputs hashed; the others kept the fingerprint they had (ArticleModel), or follow from the places (SitePage.byPlaces). */
  hashed: number;
}

/**
 * Every page's fingerprint. With `previous` (the manifest of the site this build replaces) and
 * every article in the place it had there, a page fingerprinted by its articles that shows none
 * whose key changed keeps the fingerprint it had (ArticleModel); when articles were only added
 * besides (`grown`), so does one none of whose lists (SitePage.from) holds an added article. A
 * page that follows from the places alone (SitePage.byPlaces) is fingerprinted by all of them and
 * the frame. Without `search`, the search index's parts are left out.
 */
export function fingerprints(
  pages: readonly SitePage[],
  n: Newsroom,
  previous?: { pages: Record<string, string>; articles?: ArticleModel },
  { search = true } = {},
): Fingerprints {
  // What stands for an object in inputs: a term's key, an article's position (its key is `keys[position]`).
  const termKeys = new Map<Term, string>();
  for (const kind of ["tag", "category", "author"] as const) for (const t of n.taxonomies[kind].terms) termKeys.set(t, termKey(t));
  const standIns = new Map<object, number | string>(termKeys);
  const keys = n.articles.map((a, i) => {
    standIns.set(a, i);
    return articleKey(a, ownContext(n.context.get(a.url)));
  });
  // What every page shares, hashed once: each page's hash starts from its hash.
  const shared = sha1(`${renderVersion()}\u0000${JSON.stringify(sharedInputs(n))}`);
  const urls = pages.map((p) => p.url);
  const frame = frameOf(shared, urls);
  const before = previous?.articles;
  const kept = before && samePlaces(frame, keys, before, pages.length) ? before : undefined;
  const grew = !kept && before && previous ? grown(before, previous.pages, shared, keys, urls) : undefined;
  // With the places kept, the pages fingerprinted by their articles that show one whose key changed.
  const again = new Uint8Array(pages.length);
  if (kept) keys.forEach((key, i) => {
    if (key !== kept.keys[i]) for (const p of shownBy(kept, i)) again[p] = 1;
  });
  if (grew) markGrown(grew, keys, pages, n.articles, again);
  // Otherwise, which pages show each article, found as their inputs are hashed: (article, page) pairs.
  const pairs: number[] | undefined = kept ? undefined : [];
  const lastPage = kept ? undefined : new Int32Array(keys.length).fill(-1);
  let page = -1;
  let hashed = 0;
  const standInOf = (value: object) => {
    const standIn = standIns.get(value);
    if (typeof standIn !== "number") return standIn;
    if (pairs && lastPage && page >= 0 && lastPage[standIn] !== page) pairs.push(standIn, (lastPage[standIn] = page));
    return keys[standIn];
  };
  const places = sha1(`${frame}\u0000${keys.map((key) => placeOf(key) ?? key).join("\n")}`);
  const reused = new Uint8Array(pages.length);
  const fingerprinted = pages.map((p, i) => {
    if (p.byPlaces) return sha1(`${places}\u0000${p.url}`);
    const known = (kept || grew) && p.byArticles && !again[i] ? previous!.pages[p.url] : undefined;
    if (known) {
      reused[i] = 1;
      return known;
    }
    page = p.byArticles ? i : -1;
    hashed++;
    return sha1(`${shared}\u0000${p.url}\u0000${encode(p.inputs, standInOf)}`);
  });
  page = -1;
  return {
    pages: fingerprinted,
    search: search ? Object.fromEntries(searchParts(n).map((part) => [part.folder, sha1(encode([n.site.language, bundleVersion(), part.articles], standInOf))])) : undefined,
    articles: kept ? { ...kept, frame, shared, keys } : { frame, shared, keys, ...byArticle(grew ? pairs!.concat(keptPairs(grew, reused)) : pairs!, keys.length) },
    hashed,
  };
}

/** The positions of the pages the model says show its article `i`. */
const shownBy = ({ shown, shownFrom }: ArticleModel, i: number): Int32Array => shown.subarray(shownFrom[i]!, shownFrom[i + 1]!);

/** The frame (ArticleModel.frame) of a site whose pages share `shared` and have these URLs, in order. */
const frameOf = (shared: string, urls: readonly string[]) => sha1(`${shared}\u0000${urls.join("\n")}`);

/** A previous site that this one grew from: the same shared inputs and every article in its place, with articles added. */
interface Grown {
  before: ArticleModel;
  /** Per page of the previous site (ArticleModel.shown holds their positions), its position in this one. */
  pageNow: Int32Array;
  /** Per article of this site, its position in the previous one; -1: added. */
  was: Int32Array;
}

/**
 * `before` as a site this one grew from (`Grown`), or undefined. The previous page URLs are the
 * manifest's in their order, which its frame confirms: a manifest with pages forgotten since
 * (the dev server's) has none to give. Articles and pages keep their order when others are added
 * among them (the site's order follows from the places, the pages' from the site's), so each old
 * one is found by walking both lists once; otherwise (an article gone, or in another place, or a
 * page gone) every page is hashed.
 */
function grown(before: ArticleModel, previousPages: Record<string, string>, shared: string, keys: readonly string[], pageUrls: readonly string[]): Grown | undefined {
  if (before.shared !== shared || keys.length <= before.keys.length) return undefined;
  const urls = Object.keys(previousPages);
  if (frameOf(shared, urls) !== before.frame || !wellFormed(before, urls.length)) return undefined;
  const was = within(before.keys, keys, (key) => placeOf(key) ?? key);
  const pageWas = was && within(urls, pageUrls, (url) => url);
  if (!was || !pageWas) return undefined;
  const pageNow = new Int32Array(urls.length);
  pageWas.forEach((at, p) => {
    if (at >= 0) pageNow[at] = p;
  });
  return { before, pageNow, was };
}

/**
 * Per item of `to`, the position in `from` of the item with the same identity (-1: none), when
 * `from` is `to` with items taken out, in the same order; undefined otherwise.
 */
function within<T>(from: readonly T[], to: readonly T[], identity: (item: T) => string): Int32Array | undefined {
  const was = new Int32Array(to.length).fill(-1);
  let i = 0;
  for (let j = 0; j < to.length && i < from.length; j++) if (identity(to[j]!) === identity(from[i]!)) was[j] = i++;
  return i === from.length ? was : undefined;
}

/** Into `again`, the pages fingerprinted by their articles that show one whose key changed, or one of whose lists holds an added article. */
function markGrown({ before, pageNow, was }: Grown, keys: readonly string[], pages: readonly SitePage[], articles: readonly Article[], again: Uint8Array): void {
  const added = new Set<Article>();
  keys.forEach((key, j) => {
    const i = was[j]!;
    if (i < 0) added.add(articles[j]!);
    else if (key !== before.keys[i]) for (const p of shownBy(before, i)) again[pageNow[p]!] = 1;
  });
  // A list's pages share its lists: a long one is looked through once.
  const holds = new Map<readonly (Article | undefined)[], boolean>();
  const holdsAdded = (list: readonly (Article | undefined)[]) => {
    let found = holds.get(list);
    if (found === undefined) {
      found = list.some((a) => a !== undefined && added.has(a));
      if (list.length > 8) holds.set(list, found);
    }
    return found;
  };
  pages.forEach((p, i) => {
    if (p.byArticles && (!p.from || p.from.some(holdsAdded))) again[i] = 1;
  });
}

/** The (article, page) pairs of the previous model for the pages that kept their fingerprint, in this site's positions. */
function keptPairs({ before, pageNow, was }: Grown, reused: Uint8Array): number[] {
  const pairs: number[] = [];
  was.forEach((i, j) => {
    if (i < 0) return;
    for (const p of shownBy(before, i)) if (reused[pageNow[p]!]) pairs.push(j, pageNow[p]!);
  });
  return pairs;
}

/**
 * `value` as text that differs whenever the value does, for a fingerprint: JSON's data model, but
 * each string carries its length instead of being escaped, and each number ends with ";", so the
 * text reads back one way only. Objects `standInOf` names are written as that name (articles as
 * their keys, terms as theirs). Twice as fast as JSON.stringify with a replacer, which calls back
 * into JavaScript for every value: a rebuild that hashes every page hashes 15,000 at 10k articles.
 * As in JSON, `toJSON` is honoured and properties that are undefined or functions are left out.
 */
export function encode(value: unknown, standInOf: (o: object) => string | undefined): string {
  switch (typeof value) {
    case "string":
      return `${value.length}"${value}`;
    case "number":
      return `${value};`;
    case "boolean":
      return value ? "t" : "f";
    case "object": {
      if (value === null) return "n";
      const standIn = standInOf(value);
      if (standIn !== undefined) return `@${standIn.length}"${standIn}`;
      const json = (value as { toJSON?: unknown }).toJSON;
      if (typeof json === "function") return encode(json.call(value), standInOf);
      if (Array.isArray(value)) {
        let text = "[";
        for (const item of value) text += encode(item, standInOf);
        return `${text}]`;
      }
      let text = "{";
      for (const key in value) {
        const item = (value as Record<string, unknown>)[key];
        if (item !== undefined && typeof item !== "function") text += `${key.length}"${key}${encode(item, standInOf)}`;
      }
      return `${text}}`;
    }
    default:
      // undefined, functions, symbols (JSON's null in a list) and bigints, which JSON refuses.
      return typeof value === "bigint" ? `${value}b` : "u";
  }
}

/** (article, page) pairs as ArticleModel's flat lists, each article's pages in the order met. */
function byArticle(pairs: readonly number[], articles: number): Pick<ArticleModel, "shown" | "shownFrom"> {
  const shownFrom = new Int32Array(articles + 1);
  for (let k = 0; k < pairs.length; k += 2) shownFrom[pairs[k]! + 1]!++;
  for (let i = 0; i < articles; i++) shownFrom[i + 1]! += shownFrom[i]!;
  const next = shownFrom.slice(0, articles);
  const shown = new Int32Array(pairs.length / 2);
  for (let k = 0; k < pairs.length; k += 2) shown[next[pairs[k]!]!++] = pairs[k + 1]!;
  return { shown, shownFrom };
}

/** The same frame, every article in the same place, and a model whose lists hold page positions. */
function samePlaces(frame: string, keys: readonly string[], before: ArticleModel, pageCount: number): boolean {
  if (frame !== before.frame || keys.length !== before.keys.length) return false;
  for (let i = 0; i < keys.length; i++) {
    const place = placeOf(keys[i]!);
    if (place === undefined || place !== placeOf(before.keys[i]!)) return false;
  }
  return wellFormed(before, pageCount);
}

/** A model whose lists hold positions among `pageCount` pages, one list per article. */
function wellFormed({ keys, shown, shownFrom }: ArticleModel, pageCount: number): boolean {
  if (shownFrom[0] !== 0 || shownFrom[keys.length] !== shown.length) return false;
  for (let i = 0; i < keys.length; i++) if (shownFrom[i + 1]! < shownFrom[i]!) return false;
  return shown.every((at) => at >= 0 && at < pageCount);
}
