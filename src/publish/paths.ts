/**
 * Output paths. Eleventy writes wherever a permalink points, even outside the
 * output folder (`../../tmp/x.html`, PITFALLS.md), so every permalink we give
 * it passes through here: only lowercase letters, digits, hyphens and
 * slashes, so it cannot climb out.
 */
const SAFE_URL = /^\/(?:[a-z0-9][a-z0-9-]*\/)*(?:[a-z0-9][a-z0-9-]*\.[a-z0-9]+)?$/;

export function safePermalink(url: string): string {
  if (!SAFE_URL.test(url) || url.includes("..")) {
    throw new Error(`refusing output URL ${JSON.stringify(url)}: only lowercase letters, digits, hyphens and slashes are allowed`);
  }
  return url;
}
