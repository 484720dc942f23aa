/** Hard-linked copies: the live site's files carried into a new one (atomic.ts), stored images into a site (image-store.ts). */
import { copyFile, link, mkdir, readdir, stat } from "node:fs/promises";
import path from "node:path";

/** A copy of the file or folder `from` at `to` whose files are hard links (copies where links are refused). */
export async function linkTree(from: string, to: string): Promise<void> {
  if (!(await stat(from)).isDirectory()) return void (await link(from, to).catch(() => copyFile(from, to)));
  await mkdir(to, { recursive: true });
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const [src, dest] = [path.join(from, entry.name), path.join(to, entry.name)];
    if (entry.isDirectory()) await linkTree(src, dest);
    else if (entry.isFile()) await link(src, dest).catch(() => copyFile(src, dest));
  }
}
