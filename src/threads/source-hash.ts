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
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

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

/** Hex SHA-256 over the module graph of `entry` (a path or file: URL), dependencies and runtime. */
export function sourceGraphHash(entry: string | URL): string {
  const file = entry instanceof URL ? fileURLToPath(entry) : path.resolve(entry);
  const known = memo.get(file);
  if (known) return known;
  const root = projectRoot(file);
  const h = createHash("sha256");
  for (const f of sourceGraph(file)) h.update(`${path.relative(root, f)}\0`).update(readFileSync(f)).update("\0");
  const lock = path.join(root, "package-lock.json");
  if (existsSync(lock)) h.update(readFileSync(lock));
  const { node, v8, icu, tz, unicode } = process.versions as Record<string, string | undefined>;
  h.update(`\0${node} ${v8} ${icu} ${tz} ${unicode}`);
  const digest = h.digest("hex");
  memo.set(file, digest);
  return digest;
}
