/**
 * The Pagefind bundles of the search index's parts (src/render/search-parts.ts), kept across sites
 * and builds in `.cache/search/`, for search.ts: a build into a folder that lacks a part (a fresh
 * checkout in CI with `.cache/` kept, `_site` deleted) links the files of the bundle made for the
 * same articles instead of indexing them again. Pagefind takes about 3 ms and 280 KB of memory an
 * article: 20 s for the parts of 10,000.
 *
 * An entry is a folder named by a hash of the part's fingerprint (src/publish/page-keys.ts): of its
 * articles' keys, the site's language and the code that makes bundles (`bundleVersion`). Pagefind writes it
 * beside the store, and it is renamed in whole: an entry is always complete. A bundle does not
 * depend on the folder it is served from, so one entry serves a part under any name. Entries not
 * used for a day go at the end of each build that used the store (`pruneSearchStore`): recent
 * parts are made again with every article published, so the store holds at most a day of them.
 */
import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readdir, rename, rm, stat, utimes } from "node:fs/promises";
import path from "node:path";
import { DAY_MS } from "../../publish/daily-sweep.ts";
import { linkTree } from "../../publish/link-tree.ts";
import { sourceGraphHash } from "../../threads/source-hash.ts";

export const SEARCH_STORE = path.resolve(import.meta.dirname, "../../../.cache/search");

/** What a build did for a part: made it with Pagefind, or linked the stored bundle. */
export type PartSource = "made" | "stored";

/** Where Pagefind writes an entry before it is renamed in; one left by a killed build goes after a day. */
const FRESH_PREFIX = "new-";

/**
 * The code a part's bundle is made by: search.ts and what it imports, and Pagefind's version
 * (`package-lock.json`). In every part's fingerprint: a new Pagefind makes every part again, whose
 * bundles each carry its scripts, never merged with parts an older one made.
 */
export const bundleVersion = (() => {
  let version: string | undefined;
  return () => (version ??= sourceGraphHash(new URL("./search.ts", import.meta.url)).slice(0, 16));
})();

/** An entry's name: in hex, since a fingerprint's base64url would collide with another in a folder that ignores case. */
export const entryKey = (fingerprint: string): string => createHash("sha256").update(fingerprint).digest("hex").slice(0, 40);

const isFolder = (at: string) => stat(at).then((s) => s.isDirectory(), () => false);

/**
 * The part of entry `key` in the folder `into` (replacing what is there): its stored bundle's files
 * linked, or else `make` writes the bundle into a folder beside the store, which becomes the entry.
 */
export async function throughSearchStore(store: string, key: string, into: string, make: (dir: string) => Promise<void>): Promise<PartSource> {
  const entry = path.join(store, key);
  await rm(into, { recursive: true, force: true });
  let source: PartSource = "stored";
  if (await isFolder(entry)) {
    const now = new Date();
    await utimes(entry, now, now).catch(() => undefined);
  } else {
    source = "made";
    const fresh = await mkdir(store, { recursive: true })
      .then(() => mkdtemp(path.join(store, FRESH_PREFIX)))
      .catch(() => undefined);
    if (fresh === undefined) {
      // A store that cannot be written (a read-only .cache/) is no failure of the build: the part is made where it goes.
      await make(into);
      return source;
    }
    try {
      await make(fresh);
      // Another build may have stored the same part meanwhile: either is the same bundle.
      await rename(fresh, entry).catch(async (cause: unknown) => {
        if (!(await isFolder(entry))) throw cause;
      });
    } finally {
      await rm(fresh, { recursive: true, force: true });
    }
  }
  linkTree(entry, into);
  return source;
}

/** Deletes the entries not used for a day, and what builds killed while Pagefind wrote left. Best effort: a store it cannot read stays as it is. */
export async function pruneSearchStore(store: string, now = Date.now()): Promise<void> {
  for (const name of await readdir(store).catch(() => [])) {
    const entry = path.join(store, name);
    const used = await stat(entry).then((s) => s.mtimeMs, () => now);
    if (now - used > DAY_MS) await rm(entry, { recursive: true, force: true });
  }
}
