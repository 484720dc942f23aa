/**
 * Output paths. Every page URL and image path passes through here before a
 * file is written: only lowercase letters, digits, hyphens and slashes, so
 * nothing can climb out of the output folder (Eleventy permalinks write
 * wherever they point, even `../../tmp/x.html`: PITFALLS.md).
 */
const SAFE_URL = /^\/(?:[a-z0-9][a-z0-9-]*\/)*(?:[a-z0-9][a-z0-9-]*\.[a-z0-9]+)?$/;

export function safePermalink(url: string): string {
  if (!SAFE_URL.test(url) || url.includes("..")) {
    throw new Error(`refusing output URL ${JSON.stringify(url)}: only lowercase letters, digits, hyphens and slashes are allowed`);
  }
  return url;
}

/** Where a page's URL is served from, relative to the output folder: `/a/b/` → `a/b/index.html`. */
export const outputFile = (url: string): string => {
  const safe = safePermalink(url).slice(1);
  return safe === "" || safe.endsWith("/") ? `${safe}index.html` : safe;
};
