/**
 * Search with Pagefind, run on the finished site (the staging folder, before
 * the atomic swap, so readers never get pages without their index). Only
 * article pages carry `data-pagefind-body`, so only articles are indexed.
 */
import path from "node:path";
import * as pagefind from "pagefind";

export interface SearchIndexResult {
  pages: number;
}

export async function indexSearch(siteDir: string): Promise<SearchIndexResult> {
  try {
    const { index, errors } = await pagefind.createIndex({});
    if (!index) throw new Error(`pagefind: ${errors.join("; ")}`);
    const added = await index.addDirectory({ path: siteDir });
    if (added.errors.length) throw new Error(`pagefind: ${added.errors.join("; ")}`);
    const written = await index.writeFiles({ outputPath: path.join(siteDir, "pagefind") });
    if (written.errors.length) throw new Error(`pagefind: ${written.errors.join("; ")}`);
    return { pages: added.page_count };
  } finally {
    await pagefind.close();
  }
}
