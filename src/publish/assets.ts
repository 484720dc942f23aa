/**
 * Copy the local images articles use into the output, at their /media/ URLs.
 * Each source was resolved to a real path inside the seeds folder at ingest;
 * it is checked again here, so a file swapped for a symlink in between is not
 * copied into the public site.
 */
import { copyFile, mkdir, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { safePermalink } from "./paths.ts";

export async function copyAssets(assets: ReadonlyMap<string, string>, outDir: string): Promise<void> {
  for (const [url, from] of assets) {
    const real = await realpath(from).catch(() => undefined);
    if (real !== from || !(await stat(real)).isFile()) {
      console.error(`warning: ${from} changed during the build; not copied to ${url}`);
      continue;
    }
    const to = path.join(outDir, safePermalink(url));
    await mkdir(path.dirname(to), { recursive: true });
    await copyFile(from, to);
  }
}
