/**
 * Article images through @11ty/eleventy-img: responsive WebP and JPEG widths
 * with their intrinsic size, written straight into the build's output folder
 * (`/img/`). An image sharp cannot read is left out of the page, with one
 * warning, like a missing one: no reader ever sees a broken <img>.
 */
import type { ImageStat } from "@11ty/eleventy-img";
import path from "node:path";
import { shortHash } from "../../enrich/slug.ts";
import { safePermalink } from "../../publish/paths.ts";

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

/**
 * `assets`: article image URL (/media/…) → source file. Returns the same keys
 * for the images that could be processed.
 */
export async function processImages(assets: ReadonlyMap<string, string>, outDir: string): Promise<Map<string, ResponsiveImage>> {
  const done = new Map<string, ResponsiveImage>();
  if (assets.size === 0) return done;
  // Loaded only when there are images: eleventy-img and sharp take 0.1 s to load, every build.
  const { default: Image } = await import("@11ty/eleventy-img");
  await Promise.all(
    [...assets].map(async ([src, from]) => {
      try {
        const meta = await Image(from, {
          widths: WIDTHS,
          formats: FORMATS,
          outputDir: path.join(outDir, "img"),
          urlPath: "/img/",
          sharpJpegOptions: { quality: 80, progressive: true },
          sharpWebpOptions: { quality: 78 },
          // eleventy-img's ids are mixed-case base64; our output URLs are lowercase [a-z0-9-] (safePermalink).
          filenameFormat: (id, _src, width, format) => safePermalink(`/img/${shortHash(id, 16)}-${width}.${format}`).slice(5),
        });
        const image = responsive(meta);
        if (image) done.set(src, image);
      } catch (cause) {
        console.warn(`warning: image ${path.basename(from)} could not be processed (${cause instanceof Error ? cause.message : String(cause)}); articles show no image`);
      }
    }),
  );
  return done;
}
