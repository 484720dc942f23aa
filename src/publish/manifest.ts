/**
 * The manifest of a published site (write-site.ts): kept in
 * `.cache/pages/`, one file per output folder, so a second build knows what
 * the live site holds without reading it. It is trusted only for the very
 * folder it was written for, as the build left it: the folder's device,
 * inode, creation and modification times are stored with it. A whole-site
 * publish (a new folder swapped in) changes them, and so does a folder
 * deleted and made again (even when the inode is reused) or emptied. A
 * manifest that is missing, damaged or for another folder means a full build.
 * Manifests not written for a month are deleted (throwaway output folders
 * would otherwise pile up); that only costs one full build.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { isArticleModel } from "./page-keys.ts";
import type { Manifest } from "./write-site.ts";

export const MANIFEST_DIR = path.resolve(import.meta.dirname, "../../.cache/pages");
const KEEP_MS = 30 * 24 * 3600_000;

interface Stored extends Manifest {
  outDir: string;
  /** `dev:ino:birthtime:mtime` of the output folder. */
  folder: string;
}

const fileFor = (outDir: string) => path.join(MANIFEST_DIR, `${createHash("sha1").update(outDir).digest("hex").slice(0, 16)}.json`);

const folderId = (dir: string) => {
  const st = statSync(dir, { throwIfNoEntry: false });
  return st?.isDirectory() ? `${st.dev}:${st.ino}:${st.birthtimeMs}:${st.mtimeMs}` : undefined;
};

export function readManifest(outDir: string): Manifest | undefined {
  outDir = path.resolve(outDir);
  try {
    const stored = JSON.parse(readFileSync(fileFor(outDir), "utf8")) as Stored;
    const folder = folderId(outDir);
    if (stored.outDir !== outDir || !folder || stored.folder !== folder) return undefined;
    // A manifest of one index in one part (a string) has no part that can be kept.
    const search = typeof stored.search === "object" && stored.search !== null ? stored.search : {};
    // Without its article model (page-keys.ts), a manifest still tells which pages changed: each is fingerprinted.
    return isArticleModel(stored.articles) ? { pages: stored.pages, search, articles: stored.articles } : { pages: stored.pages, search };
  } catch {
    return undefined;
  }
}

/** After a publish: `manifest` now describes `outDir`. Written atomically (temporary file, rename). */
export function writeManifest(outDir: string, manifest: Manifest): void {
  outDir = path.resolve(outDir);
  const folder = folderId(outDir);
  if (!folder) return;
  const file = fileFor(outDir);
  mkdirSync(path.dirname(file), { recursive: true });
  const stored: Stored = { outDir, folder, ...manifest };
  writeFileSync(`${file}.${process.pid}`, JSON.stringify(stored));
  renameSync(`${file}.${process.pid}`, file);
  for (const name of readdirSync(MANIFEST_DIR)) {
    const old = path.join(MANIFEST_DIR, name);
    if (Date.now() - (statSync(old, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > KEEP_MS) rmSync(old, { force: true });
  }
}

