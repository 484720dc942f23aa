/**
 * Front-matter images: only a file that really is inside the seeds folder (or
 * an https:// URL) is used. A missing one is dropped with a warning so no page
 * ever shows a broken <img>. Local files are published under /media/.
 *
 * "Inside" is checked on real paths: `image: cover.jpg` where cover.jpg is a
 * symlink to ~/.ssh/id_rsa must not copy that file into the public site.
 */
import { lstatSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { warning, info, type Message } from "../report/messages.ts";
import { shortHash, slugify } from "./slug.ts";

const IMAGE_EXT = new Set([".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"]);
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

export interface ResolvedImage {
  /** Site-relative URL, or an absolute web URL. */
  src: string;
  /** Absolute real path of the local file to copy to `src`, when local. */
  from?: string;
}

const realOrUndefined = (p: string) => {
  try {
    // Most misses are plain missing files: asking first without an exception
    // is several times cheaper (the ingest cache re-checks every image on
    // every build). The native realpath is one system call, not one per folder.
    if (!lstatSync(p, { throwIfNoEntry: false })) return undefined;
    return realpathSync.native(p);
  } catch {
    return undefined;
  }
};
const isInside = (root: string, p: string) => p.startsWith(root + path.sep);

/** An https URL, re-serialised by the URL parser (quotes, spaces and angle brackets percent-encoded). */
function webImage(ref: string): string | undefined {
  try {
    const url = new URL(ref);
    return url.protocol === "https:" && url.hostname && !url.username && !url.password ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** The seeds folder's real path, which a local image must be inside (a caller resolving many images finds it once). */
export const seedsRoot = (seedsDir: string): string => realOrUndefined(path.resolve(seedsDir)) ?? path.resolve(seedsDir);

export function resolveImage(written: string, seedRel: string, seedsDir: string, messages: Message[], root = seedsRoot(seedsDir)): ResolvedImage | undefined {
  const ref = written.trim();
  const shown = JSON.stringify(ref.slice(0, 80));
  if (/^https:\/\//i.test(ref)) {
    const src = webImage(ref);
    if (src) {
      messages.push(info(`image ${shown} is a web address; it is not checked at build time`, { field: "image" }));
      return { src };
    }
    messages.push(warning(`image ${shown} is not a valid https:// address; the article is published without it`, { field: "image" }));
    return undefined;
  }
  const ext = path.extname(ref).toLowerCase();
  if (!IMAGE_EXT.has(ext) || SCHEME.test(ref)) {
    messages.push(warning(`image ${shown} is not a ${[...IMAGE_EXT].join("/")} file or https:// address; the article is published without it`, { field: "image" }));
    return undefined;
  }
  const candidates = [path.resolve(root, path.dirname(seedRel), ref), path.resolve(root, ref.replace(/^\/+/, ""))];
  let found: string | undefined;
  let outside = false;
  for (const candidate of candidates) {
    if (!isInside(root, candidate)) continue;
    const real = realOrUndefined(candidate);
    if (!real) continue;
    if (!isInside(root, real)) {
      outside = true;
      continue;
    }
    if (statSync(real).isFile()) {
      found = real;
      break;
    }
  }
  if (!found) {
    const why = outside ? "is a link to a file outside the seeds folder" : "was not found in the seeds folder";
    messages.push(warning(`image ${shown} ${why}; the article is published without it`, { field: "image" }));
    return undefined;
  }
  const base = slugify(path.basename(ref, ext)) || "image";
  return { src: `/media/${shortHash(path.relative(root, found))}-${base}${ext}`, from: found };
}
