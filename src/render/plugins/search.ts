/**
 * Search with Pagefind. The index is built from the article records, not by
 * re-reading the written HTML: each article is one record (headline, dek and
 * body text; tags as the `tag` filter), so only article bodies are indexed and
 * nothing is parsed twice. In a build, indexing starts as soon as the site
 * data exists and runs in Pagefind's own process while Eleventy writes pages;
 * `indexSearch` then writes the bundle into the staging folder before the
 * atomic swap, so readers never get pages without their index.
 *
 * The article markup carries the same choices (`data-pagefind-body`,
 * `data-pagefind-ignore`, `data-pagefind-filter="tag"`), so running
 * `npx pagefind --site _site` by hand indexes the same text.
 */
import path from "node:path";
import * as pagefind from "pagefind";
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

async function buildIndex(records: readonly CustomRecord[]): Promise<PagefindIndex> {
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`pagefind: ${errors.join("; ")}`);
  for (const added of await Promise.all(records.map((r) => index.addCustomRecord(r)))) {
    if (added.errors.length) throw new Error(`pagefind: ${added.errors.join("; ")}`);
  }
  return index;
}

let pending: { newsroom: Newsroom; index?: Promise<PagefindIndex> } | undefined;

/**
 * Called with each build's site data. `eager`: start indexing now (a one-off
 * build); otherwise only remember the data (watch mode, where nobody may ask).
 */
export function prepareSearch(newsroom: Newsroom, { eager }: { eager: boolean }): void {
  const index = eager ? buildIndex(searchRecords(newsroom)) : undefined;
  // An unobserved rejection would crash the process before indexSearch reports it.
  index?.catch(() => undefined);
  pending = { newsroom, index };
}

/** Write the Pagefind bundle to `<siteDir>/pagefind/` for the site just built. */
export async function indexSearch(siteDir: string): Promise<{ pages: number }> {
  const current = pending;
  pending = undefined;
  try {
    let pages: number;
    let index: PagefindIndex;
    if (current) {
      index = await (current.index ?? buildIndex(searchRecords(current.newsroom)));
      pages = current.newsroom.articles.filter((a) => a.status === "published").length;
    } else {
      // No site data seen in this process (Eleventy run elsewhere): index the written article pages.
      const created = await pagefind.createIndex({});
      if (!created.index) throw new Error(`pagefind: ${created.errors.join("; ")}`);
      index = created.index;
      const added = await index.addDirectory({ path: siteDir });
      if (added.errors.length) throw new Error(`pagefind: ${added.errors.join("; ")}`);
      pages = added.page_count;
    }
    const written = await index.writeFiles({ outputPath: path.join(siteDir, "pagefind") });
    if (written.errors.length) throw new Error(`pagefind: ${written.errors.join("; ")}`);
    return { pages };
  } finally {
    await pagefind.close();
  }
}
