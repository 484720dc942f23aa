/**
 * Front-matter images: only a file that exists inside the seeds folder (or a
 * web URL) is used. A missing one is dropped with a warning so no page ever
 * shows a broken <img>. Local files are published under /media/.
 */
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { warning, info, type Message } from "../report/messages.ts";
import { shortHash, slugify } from "./slug.ts";

const IMAGE_EXT = new Set([".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"]);

export interface ResolvedImage {
  /** Site-relative URL, or an absolute web URL. */
  src: string;
  /** Absolute path of the local file to copy to `src`, when local. */
  from?: string;
}

export function resolveImage(written: string, seedRel: string, seedsDir: string, messages: Message[]): ResolvedImage | undefined {
  const ref = written.trim();
  if (/^https:\/\//i.test(ref)) {
    messages.push(info(`image ${JSON.stringify(ref)} is a web address; it is not checked at build time`, { field: "image" }));
    return { src: ref };
  }
  const ext = path.extname(ref).toLowerCase();
  const root = path.resolve(seedsDir);
  const candidates = [path.resolve(root, path.dirname(seedRel), ref), path.resolve(root, ref.replace(/^\/+/, ""))];
  const found = candidates.find((p) => p.startsWith(root + path.sep) && existsSync(p) && statSync(p).isFile());
  if (!IMAGE_EXT.has(ext) || /^[a-z][a-z0-9+.-]*:/i.test(ref) || !found) {
    const why = !IMAGE_EXT.has(ext) || /^[a-z][a-z0-9+.-]*:/i.test(ref)
      ? `is not a ${[...IMAGE_EXT].join("/")} file or https:// address`
      : "was not found in the seeds folder";
    messages.push(warning(`image ${JSON.stringify(ref.slice(0, 80))} ${why}; the article is published without it`, { field: "image" }));
    return undefined;
  }
  const base = slugify(path.basename(ref, ext)) || "image";
  return { src: `/media/${shortHash(path.relative(root, found))}-${base}${ext}`, from: found };
}
