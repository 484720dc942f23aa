/**
 * Processed article images kept across sites and builds (`.cache/images/`),
 * for src/render/plugins/images.ts.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, readdir, readFile, rename, rm, stat, utimes, writeFile } from "node:fs/promises";
import { DAY_MS, sweepDue } from "../../publish/daily-sweep.ts";
import path from "node:path";
import { linkTree } from "../../publish/link-tree.ts";
import { outputFile } from "../../publish/paths.ts";
import type { ResponsiveImage } from "./images.ts";

/**
 * Processed images by the bytes of their source and the processing code, whatever site they were
 * made for: a build into a folder that lacks them (a first build, `_site` deleted, the preview's
 * own folder) links their files instead of encoding them again, as Hugo keeps `resources/_gen`.
 * An entry is its files under `img/` (eleventy-img names them by the source's bytes and the
 * encoder options) and `<key>.json`, written last: an entry with its JSON is whole. Entries not
 * used for STORE_KEEP_MS go (`pruneStore`).
 */
export const IMAGE_STORE = path.resolve(import.meta.dirname, "../../../.cache/images");
const STORE_KEEP_MS = 30 * DAY_MS;

const storeKey = (bytes: Uint8Array, version: string) => createHash("sha256").update(version).update(bytes).digest("hex").slice(0, 32);

/** The stored image of `key`, if its entry is whole. */
function storedImage(store: string, key: string): ResponsiveImage | undefined {
  try {
    const image = JSON.parse(readFileSync(path.join(store, `${key}.json`), "utf8")) as ResponsiveImage;
    return filesOf(image).every((file) => existsSync(path.join(store, file))) ? image : undefined;
  } catch {
    return undefined;
  }
}

/** The site-relative files (`img/…`) of a processed image. */
export const filesOf = (image: ResponsiveImage): string[] => image.sources.flatMap((s) => s.widths.map((w) => outputFile(w.url)));

/** Links (or copies) `image`'s files from the store into `outDir`, replacing what is there. */
async function linkFiles(image: ResponsiveImage, store: string, outDir: string): Promise<void> {
  for (const file of filesOf(image)) {
    const [from, to] = [path.join(store, file), path.join(outDir, file)];
    await rm(to, { force: true });
    linkTree(from, to);
  }
}

/**
 * The image of the file `from`, `encode`d (by processing code `version`) into the store or found
 * there, its files linked into `outDir`. An entry is kept only when the source's bytes were the
 * same after encoding as before.
 */
export async function throughStore(
  from: string,
  { store, version, outDir }: { store: string; version: string; outDir: string },
  encode: (dir: string) => Promise<ResponsiveImage | undefined>,
): Promise<ResponsiveImage | undefined> {
  const key = storeKey(await readFile(from), version);
  const entry = path.join(store, `${key}.json`);
  let image = storedImage(store, key);
  if (image) {
    const now = new Date();
    await utimes(entry, now, now).catch(() => undefined);
  } else {
    // Encoded beside the store, then renamed in: a file already there may be linked into live sites.
    const fresh = await mkdtemp(path.join(store, "new-"));
    try {
      image = await encode(path.join(fresh, "img"));
      for (const file of image ? filesOf(image) : []) await rename(path.join(fresh, file), path.join(store, file));
    } finally {
      await rm(fresh, { recursive: true, force: true });
    }
    if (!image) return undefined;
    if (storeKey(await readFile(from), version) === key) {
      await writeFile(`${entry}.${process.pid}`, JSON.stringify(image));
      await rename(`${entry}.${process.pid}`, entry);
    }
  }
  await linkFiles(image, store, outDir);
  return image;
}

/**
 * At most once a day: entries not used for STORE_KEEP_MS are deleted, then the files no entry
 * left names (entries made by other processing code may share files with them), but those of the
 * last day, which another build may be encoding. Best effort: a store it cannot read stays as it is.
 */
export async function pruneStore(store: string): Promise<void> {
  if (!sweepDue(store)) return;
  const ageOf = async (file: string) => Date.now() - (await stat(file)).mtimeMs;
  const named = new Set<string>();
  for (const name of await readdir(store)) {
    const entry = path.join(store, name);
    const age = await ageOf(entry);
    // What a process killed while encoding left (`throughStore`).
    if (name.startsWith("new-") && age > DAY_MS) await rm(entry, { recursive: true, force: true });
    if (!name.endsWith(".json")) continue;
    const image = age > STORE_KEEP_MS ? undefined : (JSON.parse(await readFile(entry, "utf8")) as ResponsiveImage);
    if (image) for (const file of filesOf(image)) named.add(file);
    else await rm(entry, { force: true });
  }
  for (const name of await readdir(path.join(store, "img"))) {
    const file = path.join(store, "img", name);
    if (!named.has(`img/${name}`) && (await ageOf(file)) > DAY_MS) await rm(file, { force: true });
  }
}
