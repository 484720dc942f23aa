/**
 * The hash of a module graph (src/threads/source-hash.ts), which names the code that caches and
 * bundles depend on: it follows relative imports but not type-only ones, and a process reuses the
 * digest an earlier one kept only while every file it was made from has the same size and
 * modification time.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";

const MODULE = pathToFileURL(path.resolve(import.meta.dirname, "../../src/threads/source-hash.ts")).href;

/** The hash of `entry`'s graph as a new process finds it (the kept digests are read once per process). */
const hashInNewProcess = (entry: string): string =>
  execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", `const { sourceGraphHash } = await import(${JSON.stringify(MODULE)}); process.stdout.write(sourceGraphHash(${JSON.stringify(entry)}));`], { encoding: "utf8" });

function project(withPackage: boolean) {
  const dir = mkdtempSync(path.join(tmpdir(), "source-hash-"));
  if (withPackage) writeFileSync(path.join(dir, "package.json"), "{}");
  writeFileSync(path.join(dir, "a.ts"), 'import { b } from "./b.ts";\nimport type { C } from "./c.ts";\nexport const a: C = b;\n');
  writeFileSync(path.join(dir, "b.ts"), "export const b = 1;\n");
  writeFileSync(path.join(dir, "c.ts"), "export type C = number;\n");
  return { dir, entry: path.join(dir, "a.ts"), kept: path.join(dir, ".cache", "source-hashes.json") };
}

test("a graph's hash follows its relative imports, not its type-only ones, and a digest kept by one process serves the next while its files keep their stamps", (t) => {
  const { dir, entry, kept } = project(true);
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const first = hashInNewProcess(entry);
  assert.match(first, /^[0-9a-f]{64}$/);
  const stored = JSON.parse(readFileSync(kept, "utf8")) as Record<string, { digest: string; stamps: Array<[string, number, number]> }>;
  assert.equal(stored["a.ts"]?.digest, first);
  assert.deepEqual(stored["a.ts"].stamps.map(([file]) => file).sort(), ["a.ts", "b.ts", "package-lock.json"]);

  // Used as kept: a digest written over by hand comes back as it is.
  stored["a.ts"].digest = "kept";
  writeFileSync(kept, JSON.stringify(stored));
  assert.equal(hashInNewProcess(entry), "kept");

  // A type-only import is not part of the graph: its file's edits leave the kept digest in use.
  writeFileSync(path.join(dir, "c.ts"), "export type C = string;\n");
  assert.equal(hashInNewProcess(entry), "kept");

  // Same bytes, a new modification time: hashed again, to the same digest.
  const later = new Date(Date.now() + 5000);
  utimesSync(path.join(dir, "b.ts"), later, later);
  assert.equal(hashInNewProcess(entry), first);

  // An imported file edited: a new digest, the one a process with nothing kept finds.
  writeFileSync(path.join(dir, "b.ts"), "export const b = 2;\n");
  const edited = hashInNewProcess(entry);
  assert.notEqual(edited, first);
  rmSync(kept);
  assert.equal(hashInNewProcess(entry), edited);
  // A lock file that appears changes what the graph depends on.
  writeFileSync(path.join(dir, "package-lock.json"), "{}");
  assert.notEqual(hashInNewProcess(entry), edited);
});

test("outside a project (no package.json above) nothing is kept", (t) => {
  const { dir, entry } = project(false);
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  assert.equal(hashInNewProcess(entry), hashInNewProcess(entry));
  assert.equal(existsSync(path.join(dir, ".cache")), false);
});
