/** Copy the local images articles use into the output, at their /media/ URLs. */
import { copyFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { safePermalink } from "./paths.ts";

export async function copyAssets(assets: ReadonlyMap<string, string>, outDir: string): Promise<void> {
  for (const [url, from] of assets) {
    const to = path.join(outDir, safePermalink(url));
    await mkdir(path.dirname(to), { recursive: true });
    await copyFile(from, to);
  }
}
