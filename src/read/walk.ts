/**
 * Stage 1, read: list every file under the seeds folder, recursively.
 * Symlinks are resolved and followed only when they stay inside the folder;
 * nothing outside it is ever opened. Files come out sorted by path so every
 * build sees the same order.
 */
import { lstat, readdir, realpath, stat } from "node:fs/promises";
import path from "node:path";

export const ARTICLE_EXTENSIONS = [".md", ".markdown", ".txt"] as const;
/** Larger files are refused before they are read; a long article is ~50 KB. */
export const MAX_SEED_BYTES = 10 * 1024 * 1024;

export interface SeedEntry {
  /** Absolute real path (symlinks resolved). */
  abs: string;
  /** Path relative to the seeds folder, `/`-separated, as the editor sees it. */
  rel: string;
  size: number;
  mtimeMs: number;
  /** Why this file is not read as an article; undefined for article files. */
  skip?: { level: "error" | "info"; reason: string };
}

const isArticleFile = (name: string) => (ARTICLE_EXTENSIONS as readonly string[]).includes(path.extname(name).toLowerCase());
const isInside = (root: string, p: string) => p === root || p.startsWith(root + path.sep);

export async function listSeeds(seedsDir: string): Promise<SeedEntry[]> {
  const root = await realpath(seedsDir).catch((cause: unknown) => {
    throw new Error(`the seeds folder ${seedsDir} does not exist or cannot be read`, { cause });
  });
  const out: SeedEntry[] = [];
  const visitedDirs = new Set<string>();

  async function walk(dirAbs: string, dirRel: string): Promise<void> {
    if (visitedDirs.has(dirAbs)) return; // a symlink loop inside the folder
    visitedDirs.add(dirAbs);
    const names = (await readdir(dirAbs)).sort();
    for (const name of names) {
      const rel = dirRel ? `${dirRel}/${name}` : name;
      const linkPath = path.join(dirAbs, name);
      const info = await lstat(linkPath);
      let abs = linkPath;
      if (info.isSymbolicLink()) {
        const target = await realpath(linkPath).catch(() => undefined);
        if (!target) {
          out.push({ abs, rel, size: 0, mtimeMs: 0, skip: { level: "error", reason: "broken symlink; not followed" } });
          continue;
        }
        if (!isInside(root, target)) {
          out.push({ abs, rel, size: 0, mtimeMs: 0, skip: { level: "error", reason: "symlink points outside the seeds folder; not followed" } });
          continue;
        }
        abs = target;
      }
      const st = info.isSymbolicLink() ? await stat(abs) : info;
      if (st.isDirectory()) {
        if (name === ".git" || name === "node_modules") continue;
        await walk(abs, rel);
      } else if (!st.isFile()) {
        out.push({ abs, rel, size: 0, mtimeMs: 0, skip: { level: "info", reason: "not a regular file" } });
      } else if (!isArticleFile(name)) {
        out.push({
          abs, rel, size: st.size, mtimeMs: st.mtimeMs,
          skip: { level: "info", reason: `not an article file; only ${ARTICLE_EXTENSIONS.join(", ")} are published` },
        });
      } else if (st.size > MAX_SEED_BYTES) {
        out.push({
          abs, rel, size: st.size, mtimeMs: st.mtimeMs,
          skip: { level: "error", reason: `file is ${(st.size / 1048576).toFixed(1)} MB; the limit is ${MAX_SEED_BYTES / 1048576} MB` },
        });
      } else {
        out.push({ abs, rel, size: st.size, mtimeMs: st.mtimeMs });
      }
    }
  }

  await walk(root, "");
  return out;
}
