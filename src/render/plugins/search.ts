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
 * A part whose bundle an earlier build made, for any site, is linked from
 * `.cache/search/` instead (search-store.ts).
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
import { entryKey, pruneSearchStore, throughSearchStore, type PartSource } from "./search-store.ts";

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

/** What a build is told to index: the site data, the parts (by folder) whose articles changed, and where stored bundles are kept. */
interface SearchJob {
  newsroom: Newsroom;
  parts: readonly string[];
  /** Each part's fingerprint, by folder (src/publish/page-keys.ts). */
  fingerprints: Readonly<Record<string, string>>;
  /** The bundle store (search-store.ts); none with --no-cache. */
  store?: string;
}

interface Pending extends SearchJob {
  /** Started early (a one-off build): the bundles are being written into this site folder. */
  writing?: { siteDir: string; done: Promise<PartSource[]>; started: number };
}

let pending: Pending | undefined;

/** The parts of the site's index named in `folders`. */
const partsIn = (newsroom: Newsroom, folders: readonly string[]) => searchParts(newsroom).filter((p) => folders.includes(p.folder));

/** The bundle of `articles` written into `outputPath`. */
async function writeBundle(newsroom: Newsroom, articles: readonly Article[], outputPath: string): Promise<void> {
  const index = await buildIndex(searchRecords(newsroom, articles));
  const written = await index.writeFiles({ outputPath });
  if (written.errors.length) throw new Error(`pagefind: ${written.errors.join("; ")}`);
  // Pagefind keeps an index until told: one part at a time in memory.
  await index.deleteIndex();
}

/** Each part of the job in its folder of `siteDir`, indexed or from the store, then the list of parts; how each was had. */
async function writeBundles({ newsroom, parts, fingerprints, store }: SearchJob, siteDir: string): Promise<PartSource[]> {
  const sources: PartSource[] = [];
  for (const part of partsIn(newsroom, parts)) {
    const into = path.join(siteDir, part.folder);
    const fingerprint = fingerprints[part.folder];
    if (store && fingerprint) sources.push(await throughSearchStore(store, entryKey(fingerprint), into, (dir) => writeBundle(newsroom, part.articles, dir)));
    else sources.push(await writeBundle(newsroom, part.articles, into).then(() => "made" as const));
  }
  await mkdir(siteDir, { recursive: true });
  await writeFile(path.join(siteDir, PARTS_FILE), `${JSON.stringify(searchBundles(searchParts(newsroom)))}\n`);
  if (store && sources.length) await pruneSearchStore(store).catch(() => undefined);
  return sources;
}

/**
 * Called with each build's site data and the parts of the index to make.
 * `eagerInto`: a one-off build writing this folder; Pagefind indexes and
 * writes the bundles there now, in its own process, while Eleventy writes
 * the pages (most of Pagefind's work happens when it writes). Without it only
 * the data is kept (watch mode, where nobody may ask for an index).
 */
export function prepareSearch(job: SearchJob, { eagerInto }: { eagerInto?: string } = {}): void {
  const started = performance.now();
  const writing = eagerInto ? { siteDir: eagerInto, started, done: writeBundles(job, eagerInto) } : undefined;
  // An unobserved rejection would end the process before indexSearch reports it.
  writing?.done.catch(() => undefined);
  pending = { ...job, writing };
}

/** What a build's indexing made. */
export interface SearchMade {
  seconds: number;
  /** Parts made, of how many the index has, and their articles; how many of those made were linked from the store. */
  made: number;
  parts: number;
  articles: number;
  stored: number;
}

/** The Pagefind bundles of the parts to make, in `<siteDir>`, for the site just built; how much that was and how long it took. */
export async function indexSearch(siteDir: string): Promise<SearchMade> {
  const current = pending;
  pending = undefined;
  if (!current) throw new Error("no site data to index: the site writer did not run in this process");
  let started = performance.now();
  try {
    let sources: PartSource[];
    if (current.writing && path.resolve(current.writing.siteDir) === path.resolve(siteDir)) {
      started = current.writing.started;
      sources = await current.writing.done;
    } else {
      sources = await writeBundles(current, siteDir);
    }
    const made = partsIn(current.newsroom, current.parts);
    const articles = made.reduce((sum, part) => sum + part.articles.length, 0);
    const stored = sources.filter((source) => source === "stored").length;
    return { seconds: (performance.now() - started) / 1000, made: made.length, parts: searchParts(current.newsroom).length, articles, stored };
  } finally {
    await (await pagefind)?.close();
  }
}
