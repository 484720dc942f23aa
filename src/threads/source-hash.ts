/**
 * A hash of everything a module's behaviour depends on: its own source, every
 * module it imports relatively (followed transitively), the dependency
 * versions (package-lock.json) and the runtime (Node, V8, ICU and time-zone
 * data: luxon formats dates with Intl). Editing any file in the graph changes
 * the hash, so caches keyed by it (records, bundles) need no version constant
 * that someone must remember to bump.
 *
 * The import scan is textual (the `from "./…"` / `import("./…")` specifiers),
 * which is enough for this code base: no module builds a relative specifier
 * at run time. Type-only imports (`import type …`) are left out: they do not
 * run, and counting them tied, say, every page's fingerprint to the ingest
 * code through the `Article` type.
 *
 * Reading and hashing a graph (up to 46 files and package-lock.json) took
 * 25–30 ms of every build for its six graphs. So a digest is kept in
 * `.cache/source-hashes.json` with the size and modification time of every
 * file it was made from, taken before they were read, and a later process
 * uses it while they all still have them (file-stamp.mjs): the rule by which a command's
 * bundle is used (scripts/run.mjs), which an edit, a checkout or `npm ci`
 * breaks. A file saved while its graph is hashed has another stamp next time.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { fileStamp } from "./file-stamp.mjs";
import { writeFileAtomically } from "./write-atomically.mjs";

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["'](\.{1,2}\/[^"']+)["']/g;
/** `import type { A } from "./a";` and `export type { A } from "./a";`, over several lines too. */
const TYPE_ONLY = /^\s*(?:import|export)\s+type\s[^;]*?\bfrom\s*["'][^"']+["'];?/gm;

/** Source files reachable from `entry` through relative imports, sorted. */
export function sourceGraph(entry: string): string[] {
  const seen = new Set<string>();
  const stack = [path.resolve(entry)];
  while (stack.length) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, "utf8").replace(TYPE_ONLY, "");
    for (const m of text.matchAll(SPECIFIER)) {
      let target = path.resolve(path.dirname(file), m[1]!);
      // `./x.js` in TypeScript source names `./x.ts`.
      if (!existsSync(target) && target.endsWith(".js")) target = `${target.slice(0, -3)}.ts`;
      if (existsSync(target)) stack.push(target);
    }
  }
  return [...seen].sort();
}

/** The folder holding the nearest package.json above `file`. */
export function projectRoot(file: string): string {
  for (let dir = path.dirname(path.resolve(file)); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) return path.dirname(path.resolve(file));
  }
}

const memo = new Map<string, string>();

type Stamp = ReturnType<typeof fileStamp>;
/** A digest as kept between processes: what it was made from (paths relative to the project) and with. */
interface KeptDigest {
  digest: string;
  runtime: string;
  stamps: Array<[file: string, ...Stamp]>;
}
const KEPT_FILE = path.join(".cache", "source-hashes.json");

/** The runtime a digest depends on: luxon formats dates with Intl (ICU and time-zone data). */
function runtime(): string {
  const { node, v8, icu, tz, unicode } = process.versions as Record<string, string | undefined>;
  return `${node} ${v8} ${icu} ${tz} ${unicode}`;
}

/** The digests kept in a project, by entry (relative path); read once per process. */
const keptByRoot = new Map<string, Record<string, KeptDigest>>();
function keptIn(root: string): Record<string, KeptDigest> {
  let kept = keptByRoot.get(root);
  if (!kept) {
    try {
      const read: unknown = JSON.parse(readFileSync(path.join(root, KEPT_FILE), "utf8"));
      kept = read && typeof read === "object" && !Array.isArray(read) ? (read as Record<string, KeptDigest>) : {};
    } catch {
      kept = {};
    }
    keptByRoot.set(root, kept);
  }
  return kept;
}

/** The kept digest of `rel` when every file it was made from has its stamp still. */
function keptDigest(root: string, rel: string): string | undefined {
  const kept = keptIn(root)[rel];
  if (!kept || kept.runtime !== runtime() || !Array.isArray(kept.stamps)) return undefined;
  for (const [file, size, mtimeMs] of kept.stamps) {
    const [s, m] = fileStamp(path.join(root, file));
    if (s !== size || m !== mtimeMs) return undefined;
  }
  return typeof kept.digest === "string" ? kept.digest : undefined;
}

/** Hex SHA-256 over the module graph of `entry` (a path or file: URL), dependencies and runtime. */
export function sourceGraphHash(entry: string | URL): string {
  const file = entry instanceof URL ? fileURLToPath(entry) : path.resolve(entry);
  const known = memo.get(file);
  if (known) return known;
  const root = projectRoot(file);
  // Kept only inside a project (a package.json above), in its .cache/.
  const inProject = existsSync(path.join(root, "package.json"));
  const rel = path.relative(root, file);
  const kept = inProject ? keptDigest(root, rel) : undefined;
  if (kept) {
    memo.set(file, kept);
    return kept;
  }
  const graph = sourceGraph(file);
  const lock = path.join(root, "package-lock.json");
  // Stamped before they are read: see the header.
  const stamps = [...graph, lock].map((f): [string, ...Stamp] => [path.relative(root, f), ...fileStamp(f)]);
  const h = createHash("sha256");
  for (const f of graph) h.update(`${path.relative(root, f)}\0`).update(readFileSync(f)).update("\0");
  if (existsSync(lock)) h.update(readFileSync(lock));
  h.update(`\0${runtime()}`);
  const digest = h.digest("hex");
  memo.set(file, digest);
  if (inProject) {
    const all = keptIn(root);
    all[rel] = { digest, runtime: runtime(), stamps };
    const to = path.join(root, KEPT_FILE);
    try {
      mkdirSync(path.dirname(to), { recursive: true });
      writeFileAtomically(to, JSON.stringify(all));
    } catch {
      // Not kept: the next process hashes the graph again.
    }
  }
  return digest;
}
