/**
 * The manifest of a published site (write-site.ts): kept in
 * `.cache/pages/`, one file per output folder, so a second build knows what
 * the live site holds without reading it. It is trusted only for the very
 * folder it was written for, as the build left it: the folder's device,
 * inode, creation and modification times are stored with it. A whole-site
 * publish (a new folder swapped in) changes them, and so does a folder
 * deleted and made again (even when the inode is reused) or emptied. A
 * manifest that is missing, damaged or for another folder means a full build.
 * Once a day a build deletes the manifests that can no longer be trusted (their
 * folder gone or replaced: throwaway output folders, a benchmark's or a test
 * run's, left hundreds) and those not written for a month; that only costs one
 * full build. Looking at every manifest on every build stat'ed 2,000 of them
 * on a machine that ran the tests for a day (8–16 ms of each build).
 */
import { createHash } from "node:crypto";
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync } from "node:fs";
import { writeFileAtomically } from "../threads/write-atomically.mjs";
import path from "node:path";
import type { ArticleModel } from "./page-keys.ts";
import type { Manifest } from "./write-site.ts";
import type { KeptImage } from "../render/plugins/images.ts";
import { DAY_MS, SWEEP_MARK, sweepDue } from "./daily-sweep.ts";

export const MANIFEST_DIR = path.resolve(import.meta.dirname, "../../.cache/pages");
const KEEP_MS = 30 * DAY_MS;

interface Stored extends Omit<Manifest, "articles"> {
  outDir: string;
  /** `dev:ino:birthtime:mtime` of the output folder. */
  folder: string;
  /** The article model (page-keys.ts) as strings: at 100,000 articles its 740,000 positions as a JSON array were 1.2 MB more, and slower to read. */
  articles?: { frame: string; shared: string; keys: string; shown: string; shownFrom: string };
}

/** An Int32Array as base64 of its bytes, and back (undefined for anything else): the manifest is this machine's. */
const toBase64 = (a: Int32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("base64");
function fromBase64(v: unknown): Int32Array | undefined {
  if (typeof v !== "string") return undefined;
  const bytes = Buffer.from(v, "base64");
  return bytes.length % 4 === 0 ? new Int32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length)) : undefined;
}

/** The stored model, or undefined when it is not one (page-keys.ts checks that its positions are pages). */
function articleModelOf(v: Stored["articles"]): ArticleModel | undefined {
  if (typeof v !== "object" || v === null || typeof v.frame !== "string" || typeof v.shared !== "string" || typeof v.keys !== "string") return undefined;
  const [keys, shown, shownFrom] = [v.keys === "" ? [] : v.keys.split("\n"), fromBase64(v.shown), fromBase64(v.shownFrom)];
  return shown && shownFrom && shownFrom.length === keys.length + 1 ? { frame: v.frame, shared: v.shared, keys, shown, shownFrom } : undefined;
}

/** The stored images, or undefined unless every one has a source, a time and files (images.ts KeptImage). */
function keptImagesOf(v: unknown): Record<string, KeptImage> | undefined {
  if (typeof v !== "object" || v === null) return undefined;
  const kept = v as Record<string, Partial<KeptImage> | null>;
  const valid = Object.values(kept).every(
    (k) => typeof k?.source === "string" && typeof k.at === "number" && Array.isArray(k.image?.sources) && k.image.sources.every((s) => Array.isArray(s?.widths) && s.widths.every((w) => typeof w?.url === "string")),
  );
  return valid ? (kept as Record<string, KeptImage>) : undefined;
}

/**
 * The stored static files, or undefined unless each is a path inside the site's folder: a build
 * deletes those the project no longer has, and a damaged manifest must not make it delete others.
 */
function staticsOf(v: unknown): string[] | undefined {
  const inside = (file: unknown) => typeof file === "string" && file.split("/").every((part) => part !== "" && part !== "." && part !== ".." && !part.includes("\\"));
  return Array.isArray(v) && v.every(inside) ? (v as string[]) : undefined;
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
    const articles = articleModelOf(stored.articles);
    // Without its images, a build processes every image again (and leaves the files of those no longer shown).
    const images = keptImagesOf(stored.images);
    // Without its static files, a build leaves those the project no longer has.
    const statics = staticsOf(stored.statics);
    return { pages: stored.pages, search, ...(articles && { articles }), ...(images && { images }), ...(statics && { statics }) };
  } catch {
    return undefined;
  }
}

/** `outDir` may no longer be as its manifest says (the preview writes in place): the next build trusts none. */
export function forgetManifest(outDir: string): void {
  rmSync(fileFor(path.resolve(outDir)), { force: true });
}

/** After a publish: `manifest` now describes `outDir`. Written atomically (temporary file, rename). */
export function writeManifest(outDir: string, manifest: Manifest): void {
  outDir = path.resolve(outDir);
  const folder = folderId(outDir);
  if (!folder) return;
  const file = fileFor(outDir);
  mkdirSync(path.dirname(file), { recursive: true });
  const { articles, ...rest } = manifest;
  // Keys are base64url after a two-letter prefix: "\n" never occurs in one.
  const model = articles && { frame: articles.frame, shared: articles.shared, keys: articles.keys.join("\n"), shown: toBase64(articles.shown), shownFrom: toBase64(articles.shownFrom) };
  const stored: Stored = { outDir, folder, ...rest, ...(model && { articles: model }) };
  writeFileAtomically(file, JSON.stringify(stored));
  pruneManifests();
}

/**
 * At most once a day: deletes the manifests not written for KEEP_MS, and those whose folder is
 * gone or is another folder now (`folderId`), which no build trusts again. Another build may
 * publish meanwhile, and its new manifest be taken for the old one: its next build is then full.
 */
export function pruneManifests({ dir = MANIFEST_DIR, now = Date.now() } = {}): void {
  if (!sweepDue(dir, now)) return;
  const bytes = Buffer.alloc(HEAD_BYTES);
  for (const name of readdirSync(dir)) {
    if (name === SWEEP_MARK) continue;
    const file = path.join(dir, name);
    const written = statSync(file, { throwIfNoEntry: false })?.mtimeMs;
    if (written === undefined) continue;
    // Besides manifests, what a build killed while writing one left (`….json.<pid>.tmp`), once a day old.
    if (!name.endsWith(".json")) {
      if (now - written > DAY_MS) rmSync(file, { force: true });
      continue;
    }
    const head = now - written > KEEP_MS ? undefined : storedHead(file, bytes);
    if (!head || folderId(head.outDir) !== head.folder) rmSync(file, { force: true });
  }
}

/** Enough for the head of any manifest: a path of PATH_MAX bytes, each escaped as `\uXXXX`, and its folder's id. */
const HEAD_BYTES = 6 * 4096 + 256;

/** The head of a stored manifest, `{"outDir":…,"folder":…`, read from the start of its file alone (at 10k articles a manifest is 800 KB); undefined when it is not one. */
function storedHead(file: string, bytes: Buffer): Pick<Stored, "outDir" | "folder"> | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, "r");
    const text = bytes.toString("utf8", 0, readSync(fd, bytes, 0, bytes.length, 0));
    const head = /^\{"outDir":("(?:[^"\\]|\\.)*"),"folder":("(?:[^"\\]|\\.)*")/.exec(text);
    return head ? { outDir: JSON.parse(head[1]!) as string, folder: JSON.parse(head[2]!) as string } : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

