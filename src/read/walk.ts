/**
 * Stage 1, read: list every file under the seeds folder, recursively.
 *
 * Seeds are untrusted, so the walk opens nothing it has not checked:
 * - symlinks are never followed: one pointing outside the folder (or nowhere)
 *   is an error, one pointing inside is skipped (its target is read under its
 *   own name, so nothing is published twice);
 * - hidden files and folders (`.git`, `.obsidian`, `._x.md`) and `node_modules`
 *   are reported as one skipped entry and not read;
 * - a name that is not valid UTF-8, an unreadable folder, a file that vanished
 *   mid-walk: an error entry for that path, never an exception.
 * "Nothing lost": every name under the folder ends as an entry (a skipped
 * folder stands for everything in it). Entries come out sorted by path (code
 * units, not locale) so every build sees the same order.
 * The file-system calls are synchronous on purpose: one awaited lstat per file
 * cost 0.6–1.9 s at 10k seeds (a thread-pool round trip each), the sync walk
 * a tenth of that (the git log runs meanwhile, in its own process).
 */
import { lstatSync, readdirSync, readlinkSync, realpathSync, type Dirent, type Stats } from "node:fs";
import path from "node:path";

export const ARTICLE_EXTENSIONS = [".md", ".markdown", ".txt"] as const;
/** Larger files are refused before they are read; a long article is ~50 KB. */
export const MAX_SEED_BYTES = 10 * 1024 * 1024;

export interface SeedEntry {
  /** Absolute path (the seeds folder's real path joined with `rel`). */
  abs: string;
  /** Path relative to the seeds folder, `/`-separated, as the editor sees it. */
  rel: string;
  size: number;
  mtimeMs: number;
  /**
   * The rest of the listing's stat, for the ingest cache's quick check (an
   * edit changes the change time even when it keeps size and mtime; a file
   * saved by rename is a new inode). Absent: not known, the bytes decide.
   */
  ctimeMs?: number;
  ino?: number;
  /** Why this file is not read as an article; undefined for article files. */
  skip?: { level: "error" | "info"; reason: string };
}

/** One of ARTICLE_EXTENSIONS, in any case, after at least one character of the file's name (path.extname's rule). */
const ARTICLE_NAME = new RegExp(`[^/](?:${ARTICLE_EXTENSIONS.map((e) => e.replace(".", "\\.")).join("|")})$`, "i");
/** Whether the walk reads a file of this name (or `/`-separated path) as an article: by its extension (a regular expression: path.extname took 11 ms of listing 10k seeds). */
export const isArticleFile = (name: string) => ARTICLE_NAME.test(name);
/** Names the walk passes over: hidden files and folders, and `node_modules` folders. */
export const isSkippedName = (name: string, isDirectory: boolean) => name.startsWith(".") || (isDirectory && name === "node_modules");
/** Whether the walk passes over this path relative to the seeds folder (either separator), or a folder it lies in: every part but the last is a folder. */
export function isPassedOver(rel: string): boolean {
  const names = rel.split(/[\\/]/);
  return names.some((name, i) => isSkippedName(name, i < names.length - 1));
}
export const isInside = (root: string, p: string) => p === root || p.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });
const reasonOf = (cause: unknown) => ((cause as NodeJS.ErrnoException).code ?? (cause as Error).message ?? String(cause));

const attempt = <T>(fn: () => T): T | undefined => {
  try {
    return fn();
  } catch {
    return undefined;
  }
};

/** A folder entry: its name, and its kind as the listing gives it (undefined: a name that is not valid UTF-8). */
interface Listed {
  name: string;
  kind: Dirent | undefined;
}

/**
 * The entries of a folder. Names come as text, which at 10k seeds lists them 17 ms sooner than as
 * bytes: only a folder with a replacement character in a name (one that is not UTF-8, or one that
 * holds U+FFFD) is listed again as bytes, to tell which.
 */
function listFolder(dirAbs: string): Listed[] {
  const dirents = readdirSync(dirAbs, { withFileTypes: true });
  if (!dirents.some((d) => d.name.includes("\uFFFD"))) return dirents.map((d) => ({ name: d.name, kind: d }));
  return readdirSync(dirAbs, { withFileTypes: true, encoding: "buffer" }).map((d) => {
    try {
      return { name: strictUtf8.decode(d.name), kind: d as unknown as Dirent };
    } catch {
      return { name: d.name.toString("utf8"), kind: undefined };
    }
  });
}

export async function listSeeds(seedsDir: string): Promise<SeedEntry[]> {
  let root: string;
  try {
    root = realpathSync.native(seedsDir);
  } catch (cause) {
    throw new Error(`the seeds folder ${seedsDir} does not exist or cannot be read`, { cause });
  }
  if (!lstatSync(root).isDirectory()) throw new Error(`the seeds folder ${seedsDir} is not a folder`);
  const out: SeedEntry[] = [];
  const skip = (abs: string, rel: string, level: "error" | "info", reason: string, size = 0, mtimeMs = 0) =>
    out.push({ abs, rel, size, mtimeMs, skip: { level, reason } });

  function walk(dirAbs: string, dirRel: string): void {
    let listed: Listed[];
    try {
      listed = listFolder(dirAbs);
    } catch (cause) {
      if (dirRel) skip(dirAbs, `${dirRel}/`, "error", `folder could not be read (${reasonOf(cause)}); nothing in it is published`);
      else throw new Error(`the seeds folder ${seedsDir} cannot be read`, { cause });
      return;
    }
    // Not path.join per name: a listed name has no separator or `..` to normalise, and join cost 10 ms per 10k files.
    const dirPrefix = dirAbs.endsWith(path.sep) ? dirAbs : dirAbs + path.sep;
    // Sorted as full paths are: a folder's entries all start with its name and "/", so the folder goes
    // where that does ("2019-08-31.md" before "2019/…", as "-" is before "/"). The story step needs
    // its articles in this order and sorted them again (10 ms at 10k) when a folder was named as the
    // start of a file beside it.
    const entries = listed.map(({ name, kind }) => ({ name, abs: dirPrefix + name, order: kind?.isDirectory() ? `${name}/` : name, kind }));
    entries.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
    for (const { name, abs, kind } of entries) {
      const rel = dirRel ? `${dirRel}/${name}` : name;
      if (!kind) {
        skip(abs, rel, "error", "the file name is not valid UTF-8; rename it");
        continue;
      }
      // Only a file is looked at again (its size and times, and what it is now): the listing tells the rest.
      let info: Dirent | Stats = kind;
      if (kind.isFile()) {
        try {
          info = lstatSync(abs);
        } catch (cause) {
          skip(abs, rel, "error", `could not be read (${reasonOf(cause)})`);
          continue;
        }
      }
      if (info.isSymbolicLink()) {
        const target = attempt(() => realpathSync.native(abs));
        const written = attempt(() => readlinkSync(abs)) ?? "?";
        if (!target) skip(abs, rel, "error", `broken symlink (to ${JSON.stringify(written)}); not followed`);
        else if (!isInside(root, target)) skip(abs, rel, "error", "symlink points outside the seeds folder; not followed");
        else {
          const to = path.relative(root, target).split(path.sep).join("/") || ".";
          skip(abs, rel, "info", `symlink to ${to}; not followed (that file is read under its own name)`);
        }
      } else if (isSkippedName(name, info.isDirectory())) {
        skip(abs, info.isDirectory() ? `${rel}/` : rel, "info", info.isDirectory() ? "hidden folder; not read" : "hidden file; not published");
      } else if (info.isDirectory()) {
        walk(abs, rel);
      } else if (!info.isFile() || !("size" in info)) {
        // (An entry listed as a file has its lstat by now.)
        skip(abs, rel, "info", "not a regular file; not read");
      } else if (!isArticleFile(name)) {
        skip(abs, rel, "info", `not an article file; only ${ARTICLE_EXTENSIONS.join(", ")} are published`, info.size, info.mtimeMs);
      } else if (info.size > MAX_SEED_BYTES) {
        const mb = (info.size / 1048576).toFixed(1);
        skip(abs, rel, "error", `file is ${mb} MB; the limit is ${MAX_SEED_BYTES / 1048576} MB`, info.size, info.mtimeMs);
      } else {
        out.push({ abs, rel, size: info.size, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs, ino: info.ino });
      }
    }
  }

  walk(root, "");
  return out;
}
