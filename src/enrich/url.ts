/**
 * Article URLs are built only from the date and a slug, never from text an
 * editor wrote as a path, and every output path is checked to stay inside the
 * output folder (an Eleventy permalink like ../../tmp/x escapes it: PITFALLS.md).
 */
import path from "node:path";

const SAFE_URL = /^\/(?:[a-z0-9][a-z0-9-]*\/)*$/;

export const articleUrl = (day: string, slug: string) => `/${day.replaceAll("-", "/")}/${slug}/`;

/** The file a site-relative URL is written to, or an error if it could leave `outDir`. */
export function outputFileFor(outDir: string, url: string): string {
  if (!SAFE_URL.test(url) && !/^\/[a-z0-9][a-z0-9.-]*\.[a-z0-9]+$/.test(url)) {
    throw new Error(`refusing to write URL ${JSON.stringify(url)}: only lowercase letters, digits and hyphens are allowed`);
  }
  const root = path.resolve(outDir);
  const file = path.resolve(root, `.${url}${url.endsWith("/") ? "index.html" : ""}`);
  if (!file.startsWith(root + path.sep)) throw new Error(`refusing to write ${JSON.stringify(url)} outside ${outDir}`);
  return file;
}
