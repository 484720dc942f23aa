/**
 * Static files: the stylesheet, icons and search script, copied as they are
 * from `_includes/assets` into the site's `assets/`. Article images are not
 * copied as they are: eleventy-img writes their sized versions (images.ts),
 * and pages, feeds and sitemaps link only those.
 *
 * Copied by the site writer (site-writer.ts), not by Eleventy's passthrough
 * copy: in `npm start` that copy deletes each file of the folder before it
 * writes it again (@11ty/recursive-copy's `overwrite`), on every change to
 * any of them, and a page loaded meanwhile got a 404 for its stylesheet.
 * Here a file is written beside itself and renamed into place, and only
 * when its bytes changed. Eleventy still watches the folder.
 */
import type { UserConfig } from "@11ty/eleventy";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { writeFileAtomically } from "../../threads/write-atomically.mjs";

/** Copied as they are, from this folder (relative to the project) into `assets/`. */
const STATIC_FROM = "_includes/assets";
const STATIC_TO = "assets";

export function staticAssets(eleventyConfig: UserConfig): void {
  // A change there rebuilds the preview (a deletion too: scripts/serve.ts).
  eleventyConfig.addWatchTarget(`${STATIC_FROM}/**`);
}

/**
 * The files the copy puts in the site, relative to its folder (`assets/site.css`), for its
 * manifest: a build removes from the live site the files a previous build copied that the
 * project no longer has (write-site.ts). A link is followed; one to a folder is left out.
 */
export function staticFiles(): string[] {
  const from = path.resolve(STATIC_FROM);
  // No folder, nothing to copy.
  if (!existsSync(from)) return [];
  return readdirSync(from, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() || (d.isSymbolicLink() && statSync(path.join(d.parentPath, d.name), { throwIfNoEntry: false })?.isFile()))
    .map((d) => [STATIC_TO, ...path.relative(from, path.join(d.parentPath, d.name)).split(path.sep)].join("/"))
    .sort();
}

/** Copies `files` (from staticFiles) into `outDir`, each unless it is there already with the same bytes. */
export function copyStaticFiles(files: readonly string[], outDir: string): void {
  for (const file of files) {
    const from = path.join(STATIC_FROM, path.relative(STATIC_TO, file));
    try {
      const bytes = readFileSync(from);
      const to = path.join(outDir, file);
      if (statSync(to, { throwIfNoEntry: false })?.size === bytes.length && readFileSync(to).equals(bytes)) continue;
      mkdirSync(path.dirname(to), { recursive: true });
      writeFileAtomically(to, bytes);
    } catch (cause) {
      throw new Error(`could not copy ${from} to ${file}`, { cause });
    }
  }
}
