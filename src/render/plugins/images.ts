/**
 * Article images through @11ty/eleventy-img: responsive WebP and JPEG widths
 * with their intrinsic size, written straight into the build's output folder
 * (`/img/`). An image sharp cannot read is left out of the page, with one
 * warning, like a missing one: no reader ever sees a broken <img>.
 *
 * The site's manifest keeps what each image became (`KeptImage`): a later
 * build reuses it while the source file is unchanged, so its files, already
 * in the live site, are neither encoded nor written again (eleventy-img's own
 * cache only looks in the output folder, and a build writes into a new one);
 * the files of images no longer shown leave the site (`imageFiles`). An
 * image the output folder lacks comes from the store of every image encoded
 * (image-store.ts) when it is there.
 */
import type { ImageStat } from "@11ty/eleventy-img";
import { mkdirSync, statSync } from "node:fs";
import path from "node:path";
import { shortHash } from "../../enrich/slug.ts";
import { safePermalink } from "../../publish/paths.ts";
import { settledBefore } from "../../read/settled.ts";
import { sourceGraphHash } from "../../threads/source-hash.ts";
import { filesOf, pruneStore, throughStore } from "./image-store.ts";

/** URLs are site-relative without the path prefix, like article URLs: pages add it with `href`. */
export interface ResponsiveImage {
  width: number;
  height: number;
  /** Fallback <img>: the middle JPEG. */
  src: string;
  /** `<source>`s, best format first, each with its widths. */
  sources: Array<{ type: string; widths: Array<{ url: string; width: number }> }>;
  /** Largest JPEG: social cards, JSON-LD, feeds, the image sitemap. */
  largest: string;
}

const WIDTHS = [400, 800, 1200];
const FORMATS = ["webp", "jpeg"];

function responsive(meta: Record<string, ImageStat[]>): ResponsiveImage | undefined {
  const jpegs = meta.jpeg;
  if (!jpegs?.length) return undefined;
  const largest = jpegs.at(-1)!;
  const fallback = jpegs[Math.min(1, jpegs.length - 1)]!;
  return {
    width: largest.width,
    height: largest.height,
    src: fallback.url,
    sources: FORMATS.flatMap((f) => (meta[f]?.length ? [{ type: meta[f][0]!.sourceType, widths: meta[f].map((s) => ({ url: s.url, width: s.width })) }] : [])),
    largest: largest.url,
  };
}

/** What an image became, as the manifest of the site holding its files keeps it. */
export interface KeptImage {
  /** The source file as it was processed (`sourceState`). */
  source: string;
  /** When the file was looked at (ms since the epoch): its state stands for its bytes only if it was settled by then (`reusable`). */
  at: number;
  image: ResponsiveImage;
}

export interface ProcessedImages {
  /** By article image URL: the images that could be processed. */
  images: Map<string, ResponsiveImage>;
  /** The same, with their sources, for the next build (Manifest.images). */
  kept: Record<string, KeptImage>;
}

/** This module, its options and eleventy-img's and sharp's versions (source-hash.ts): another one encodes differently. */
const processing = (() => {
  let version: string | undefined;
  return () => (version ??= sourceGraphHash(new URL(import.meta.url)).slice(0, 16));
})();

/**
 * A source file's state, as the seed cache keeps a seed's (src/ingest/disk-cache.ts): any write
 * changes its ctime, which no tool sets back, and a save by rename its inode. Undefined when the
 * file is gone; processing then reports it.
 */
function sourceState(file: string): { state: string; changedMs: number } | undefined {
  const st = statSync(file, { throwIfNoEntry: false });
  return st && { state: `${processing()}:${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`, changedMs: Math.max(st.mtimeMs, st.ctimeMs) };
}

/** A kept image stands for the file while its state is the same and was settled when the image was made (src/read/settled.ts). */
const reusable = (kept: KeptImage | undefined, now: ReturnType<typeof sourceState>): kept is KeptImage =>
  kept !== undefined && now !== undefined && kept.source === now.state && settledBefore(now.changedMs, kept.at);

/** The site-relative files (`img/…`) of the images a manifest keeps, sorted. */
export function imageFiles(kept: Readonly<Record<string, KeptImage>> = {}): string[] {
  const files = new Set<string>();
  for (const { image } of Object.values(kept)) for (const file of filesOf(image)) files.add(file);
  return [...files].sort();
}

/**
 * `assets`: article image URL (/media/…) → source file. An image `previous`
 * (the manifest of the site `outDir` will replace) holds for an unchanged
 * file is taken from there, its files not written again; the others are
 * found in `store` (image-store.ts IMAGE_STORE, when given) or processed (into it), and
 * written into `outDir`.
 */
export async function processImages(
  assets: ReadonlyMap<string, string>,
  outDir: string,
  { previous, store }: { previous?: Readonly<Record<string, KeptImage>>; store?: string } = {},
): Promise<ProcessedImages> {
  const done: ProcessedImages = { images: new Map(), kept: {} };
  const toProcess: Array<{ src: string; from: string; source?: string; at: number }> = [];
  for (const [src, from] of assets) {
    const at = Date.now();
    const state = sourceState(from);
    const kept = previous?.[src];
    if (reusable(kept, state)) {
      done.images.set(src, kept.image);
      done.kept[src] = kept;
    } else {
      toProcess.push({ src, from, source: state?.state, at });
    }
  }
  if (toProcess.length === 0) return done;
  // Loaded only when there are images to process: eleventy-img and sharp take 0.1 s to load.
  const { default: Image } = await import("@11ty/eleventy-img");
  // Made here each time: eleventy-img makes a folder once a process, and the preview removes `img/` once empty.
  const into = path.join(outDir, "img");
  mkdirSync(into, { recursive: true });
  if (store) {
    mkdirSync(path.join(store, "img"), { recursive: true });
    await pruneStore(store).catch(() => undefined);
  }
  const encode = async (from: string, dir: string) =>
    responsive(
      await Image(from, {
        widths: WIDTHS,
        formats: FORMATS,
        outputDir: dir,
        urlPath: "/img/",
        sharpJpegOptions: { quality: 80, progressive: true },
        sharpWebpOptions: { quality: 78 },
        // Its own caches (in memory by path and size; output files it has seen once) would hand the
        // preview a re-saved photo of the same size as it was, or a file deleted since: an image is
        // encoded here only when neither `previous` nor the store has one for the file as it is now.
        useCache: false,
        // eleventy-img's ids are mixed-case base64; our output URLs are lowercase [a-z0-9-] (safePermalink).
        filenameFormat: (id, _src, width, format) => safePermalink(`/img/${shortHash(id, 16)}-${width}.${format}`).slice(5),
      }),
    );
  await Promise.all(
    toProcess.map(async ({ src, from, source, at }) => {
      try {
        const image = store ? await throughStore(from, { store, version: processing(), outDir }, (dir) => encode(from, dir)) : await encode(from, into);
        if (image) {
          done.images.set(src, image);
          if (source) done.kept[src] = { source, at, image };
        }
      } catch (cause) {
        console.warn(`warning: image ${path.basename(from)} could not be processed (${cause instanceof Error ? cause.message : String(cause)}); articles show no image`);
      }
    }),
  );
  return done;
}
