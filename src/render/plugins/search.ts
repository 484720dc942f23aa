/**
 * Search with Pagefind. The index is built from the article records, not by
 * re-reading the written HTML: each article is one record (headline, dek and
 * body text; tags as the `tag` filter), so only article bodies are indexed and
 * nothing is parsed twice. In a build where a published article changed,
 * indexing starts as soon as the site data exists and runs in Pagefind's own
 * process while the site writer writes pages, straight into the staging
 * folder; `indexSearch` waits for it before publishing, so readers never get
 * pages without their index.
 *
 * The index is in parts (src/render/search-parts.ts): a build indexes only
 * the parts whose articles changed, one after the other (Pagefind's memory
 * is that of one part), and writes the list of parts the search page merges.
 *
 * The article markup carries the same choices (`data-pagefind-body`,
 * `data-pagefind-ignore`, `data-pagefind-filter="tag"`), so running
 * `npx pagefind --site _site` by hand indexes the same text (as one part).
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { CustomRecord, PagefindIndex } from "pagefind";
import type { Article } from "../../validate/schema.ts";
import { PARTS_FILE, searchBundles, searchParts } from "../search-parts.ts";
import type { Newsroom } from "../site-data.ts";

function searchRecords(newsroom: Newsroom, articles: readonly Article[]): CustomRecord[] {
  const language = newsroom.site.language.toLowerCase();
  return articles.map((a) => ({
    // Site-relative without the prefix: the search page gives Pagefind the prefix as its base URL.
    url: a.url,
    content: [a.title, a.dek, a.text].filter(Boolean).join("\n\n"),
    language,
    meta: { title: a.title },
    filters: { tag: (newsroom.context.get(a.url)?.tags ?? []).map((t) => t.name) },
  }));
}

/** Pagefind, loaded only when an index is made: most rebuilds make none. */
let pagefind: Promise<typeof import("pagefind")> | undefined;
const loadPagefind = () => (pagefind ??= import("pagefind"));

async function buildIndex(records: readonly CustomRecord[]): Promise<PagefindIndex> {
  const { index, errors } = await (await loadPagefind()).createIndex({});
  if (!index) throw new Error(`pagefind: ${errors.join("; ")}`);
  for (const added of await Promise.all(records.map((r) => index.addCustomRecord(r)))) {
    if (added.errors.length) throw new Error(`pagefind: ${added.errors.join("; ")}`);
  }
  return index;
}

interface Pending {
  newsroom: Newsroom;
  /** The folders of the parts to index (those whose articles changed). */
  parts: readonly string[];
  /** Started early (a one-off build): the bundles are being written into this site folder. */
  writing?: { siteDir: string; done: Promise<void>; started: number };
}

let pending: Pending | undefined;

/** The parts of the site's index named in `folders`. */
const partsIn = (newsroom: Newsroom, folders: readonly string[]) => searchParts(newsroom).filter((p) => folders.includes(p.folder));

/** Each part of `folders` indexed and its bundle written into its folder of `siteDir`, then the list of parts. */
async function writeBundles(newsroom: Newsroom, folders: readonly string[], siteDir: string): Promise<void> {
  for (const part of partsIn(newsroom, folders)) {
    const index = await buildIndex(searchRecords(newsroom, part.articles));
    const written = await index.writeFiles({ outputPath: path.join(siteDir, part.folder) });
    if (written.errors.length) throw new Error(`pagefind: ${written.errors.join("; ")}`);
    // Pagefind keeps an index until told: one part at a time in memory.
    await index.deleteIndex();
  }
  await mkdir(siteDir, { recursive: true });
  await writeFile(path.join(siteDir, PARTS_FILE), `${JSON.stringify(searchBundles(searchParts(newsroom)))}\n`);
}

/**
 * Called with each build's site data and the parts of the index to make.
 * `eagerInto`: a one-off build writing this folder; Pagefind indexes and
 * writes the bundles there now, in its own process, while Eleventy writes
 * the pages (most of Pagefind's work happens when it writes). Without it only
 * the data is kept (watch mode, where nobody may ask for an index).
 */
export function prepareSearch(newsroom: Newsroom, { eagerInto, parts }: { eagerInto?: string; parts: readonly string[] }): void {
  const started = performance.now();
  const writing = eagerInto ? { siteDir: eagerInto, started, done: writeBundles(newsroom, parts, eagerInto) } : undefined;
  // An unobserved rejection would end the process before indexSearch reports it.
  writing?.done.catch(() => undefined);
  pending = { newsroom, parts, writing };
}

/** What a build's indexing made. */
export interface SearchMade {
  seconds: number;
  /** Parts made, of how many the index has, and their articles. */
  made: number;
  parts: number;
  articles: number;
}

/** The Pagefind bundles of the parts to make, in `<siteDir>`, for the site just built; how much that was and how long it took. */
export async function indexSearch(siteDir: string): Promise<SearchMade> {
  const current = pending;
  pending = undefined;
  if (!current) throw new Error("no site data to index: the site writer did not run in this process");
  let started = performance.now();
  try {
    if (current.writing && path.resolve(current.writing.siteDir) === path.resolve(siteDir)) {
      started = current.writing.started;
      await current.writing.done;
    } else {
      await writeBundles(current.newsroom, current.parts, siteDir);
    }
    const made = partsIn(current.newsroom, current.parts);
    const articles = made.reduce((sum, part) => sum + part.articles.length, 0);
    return { seconds: (performance.now() - started) / 1000, made: made.length, parts: searchParts(current.newsroom).length, articles };
  } finally {
    await (await pagefind)?.close();
  }
}
