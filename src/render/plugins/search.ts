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
 * The article markup carries the same choices (`data-pagefind-body`,
 * `data-pagefind-ignore`, `data-pagefind-filter="tag"`), so running
 * `npx pagefind --site _site` by hand indexes the same text.
 */
import path from "node:path";
import type { CustomRecord, PagefindIndex } from "pagefind";
import type { Newsroom } from "../site-data.ts";

export function searchRecords(newsroom: Newsroom): CustomRecord[] {
  const language = newsroom.site.language.toLowerCase();
  return newsroom.articles.filter((a) => a.status === "published").map((a) => ({
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
  /** Started early (a one-off build): the bundle is being written into this site folder. */
  writing?: { siteDir: string; done: Promise<void>; started: number };
}

let pending: Pending | undefined;

async function writeBundle(index: PagefindIndex, siteDir: string): Promise<void> {
  const written = await index.writeFiles({ outputPath: path.join(siteDir, "pagefind") });
  if (written.errors.length) throw new Error(`pagefind: ${written.errors.join("; ")}`);
}

/**
 * Called with each build's site data. `eagerInto`: a one-off build writing
 * this folder; Pagefind indexes and writes its bundle there now, in its own
 * process, while Eleventy writes the pages (most of Pagefind's work happens
 * when it writes). Without it only the data is kept (watch mode, where nobody
 * may ask for an index).
 */
export function prepareSearch(newsroom: Newsroom, { eagerInto }: { eagerInto?: string } = {}): void {
  const started = performance.now();
  const writing = eagerInto ? { siteDir: eagerInto, started, done: buildIndex(searchRecords(newsroom)).then((index) => writeBundle(index, eagerInto)) } : undefined;
  // An unobserved rejection would end the process before indexSearch reports it.
  writing?.done.catch(() => undefined);
  pending = { newsroom, writing };
}

/** The Pagefind bundle in `<siteDir>/pagefind/` for the site just built; how long indexing took. */
export async function indexSearch(siteDir: string): Promise<{ pages: number; seconds: number }> {
  const current = pending;
  pending = undefined;
  if (!current) throw new Error("no site data to index: the site writer did not run in this process");
  let started = performance.now();
  try {
    if (current.writing && path.resolve(current.writing.siteDir) === path.resolve(siteDir)) {
      started = current.writing.started;
      await current.writing.done;
    } else {
      await writeBundle(await buildIndex(searchRecords(current.newsroom)), siteDir);
    }
    return { pages: current.newsroom.articles.filter((a) => a.status === "published").length, seconds: (performance.now() - started) / 1000 };
  } finally {
    await (await pagefind)?.close();
  }
}
