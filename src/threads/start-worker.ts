/**
 * Start a worker thread on a TypeScript module, quickly.
 *
 * Worker threads do not inherit tsx's loader. Registering tsx inside the
 * worker (what src/stories/parallel.ts does) works, but each worker then
 * runs its own loader hooks and transforms and resolves every module one by
 * one: measured on this 2-core machine, two such workers need 2.2–3.2 s
 * before they can take work, about what they save on 10,000 seeds.
 *
 * So the module is bundled once with esbuild (the transpiler tsx itself runs
 * on) into one plain ES module under `.cache/bundles/`, named after the hash
 * of its sources, dependencies and runtime (source-hash.ts); a worker loads
 * that in 0.15–0.2 s. Later runs reuse the bundle until a source changes.
 * When esbuild cannot be loaded or fails, the tsx loader is registered in
 * the worker instead; outside tsx (compiled .js) the module runs as it is.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker, type Transferable, type WorkerOptions } from "node:worker_threads";
import { assignedFields } from "./bundle-fields.mjs";
import { projectRoot, sourceGraphHash } from "./source-hash.ts";

export interface StartOptions {
  workerData?: unknown;
  transferList?: readonly Transferable[];
  /** Bundle folder; default `<project>/.cache/bundles`. */
  bundleDir?: string;
}

/** How the last worker was started: for benchmarks and tests. */
export let lastStartMode: "bundle" | "tsx" | "plain" | undefined;

const workerOptions = (opts: StartOptions): WorkerOptions => ({ workerData: opts.workerData, transferList: opts.transferList ? [...opts.transferList] : undefined });

/** Bundles being built in this process, so workers started together share one build. */
const building = new Map<string, Promise<string | undefined>>();

/**
 * esbuild's ESM output turns `require()` inside bundled CommonJS packages
 * (iconv-lite, js-yaml's dependencies) into a stub that throws; a real
 * `require` made for the bundle's own location makes them work.
 */
const BANNER = "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);";

/** Bundles kept for other sources (another branch checked out) before they are deleted. */
const KEEP_OLD_BUNDLES_MS = 24 * 3600_000;

/** Where the bundle of `entryFile`'s present sources is, made or not: named after them and after how this module bundles. */
const bundlePath = (entryFile: string, dir: string): { name: string; out: string } => {
  const name = path.basename(entryFile).replace(/\.[cm]?ts$/, "");
  const hash = createHash("sha256").update(sourceGraphHash(entryFile)).update(sourceGraphHash(import.meta.filename)).digest("hex");
  return { name, out: path.join(dir, `${name}-${hash.slice(0, 20)}.mjs`) };
};
const bundleDirOf = (entryFile: string, bundleDir?: string) => bundleDir ?? path.join(projectRoot(entryFile), ".cache", "bundles");
const isBundle = (file: string) => statSync(file, { throwIfNoEntry: false })?.isFile() === true;

async function bundle(entryFile: string, dir: string): Promise<string | undefined> {
  const { name, out } = bundlePath(entryFile, dir);
  if (isBundle(out)) return out;
  try {
    const esbuild = await import("esbuild");
    mkdirSync(dir, { recursive: true });
    // Written beside and renamed: a process starting a worker meanwhile never sees half a bundle.
    const tmp = `${out}.${process.pid}.${Date.now()}.tmp`;
    await esbuild.build({
      entryPoints: [entryFile],
      outfile: tmp,
      bundle: true,
      platform: "node",
      format: "esm",
      target: `node${process.versions.node.split(".")[0]}`,
      banner: { js: BANNER },
      plugins: [assignedFields],
      legalComments: "none",
      logLevel: "silent",
    });
    renameSync(tmp, out);
    removeOldBundles(dir, name, out);
    return out;
  } catch {
    return undefined;
  }
}

function removeOldBundles(dir: string, name: string, keep: string): void {
  for (const file of readdirSync(dir)) {
    const full = path.join(dir, file);
    if (full === keep || !file.startsWith(`${name}-`)) continue;
    try {
      if (Date.now() - statSync(full).mtimeMs > KEEP_OLD_BUNDLES_MS) rmSync(full, { force: true });
    } catch {
      // Another process removed it first.
    }
  }
}

/** The bundle of a .ts `entry`, made once per process (undefined: esbuild failed or is missing). */
function bundleOf(entry: URL, bundleDir?: string): Promise<string | undefined> {
  const entryFile = fileURLToPath(entry);
  const dir = bundleDirOf(entryFile, bundleDir);
  const key = `${dir}\0${entryFile}`;
  let pending = building.get(key);
  if (!pending) building.set(key, (pending = bundle(entryFile, dir)));
  return pending;
}

/** Make the bundle of a .ts `entry` without starting it, so that a later process starts it at once. */
export const prepareWorker = (entry: URL, bundleDir?: string): Promise<unknown> =>
  entry.pathname.endsWith(".ts") ? bundleOf(entry, bundleDir) : Promise.resolve();

/**
 * Start `entry` (a .ts module) in a worker thread at once, before this thread next yields (a
 * worker started from a promise would wait for the synchronous work that follows); only when
 * its bundle is made already (`prepareWorker`), else undefined.
 */
export function startWorkerNow(entry: URL, opts: StartOptions = {}): Worker | undefined {
  const entryFile = fileURLToPath(entry);
  const { out } = bundlePath(entryFile, bundleDirOf(entryFile, opts.bundleDir));
  if (!isBundle(out)) return undefined;
  lastStartMode = "bundle";
  return new Worker(pathToFileURL(out), workerOptions(opts));
}

/** Start `entry` (a .ts module under tsx, or a .js module) in a worker thread. */
export async function startWorker(entry: URL, opts: StartOptions = {}): Promise<Worker> {
  const base = workerOptions(opts);
  if (!entry.pathname.endsWith(".ts")) {
    lastStartMode = "plain";
    return new Worker(entry, base);
  }
  const bundled = await bundleOf(entry, opts.bundleDir);
  if (bundled) {
    lastStartMode = "bundle";
    return new Worker(pathToFileURL(bundled), base);
  }
  // No esbuild: register tsx in the worker, then import the module.
  const tsxApi = import.meta.resolve("tsx/esm/api");
  const bootstrap =
    "const { workerData } = require('node:worker_threads');" +
    "import(workerData.tsxApi).then((api) => { api.register(); return import(workerData.url); });";
  lastStartMode = "tsx";
  return new Worker(bootstrap, { ...base, eval: true, workerData: { ...asObject(opts.workerData), tsxApi, url: entry.href } });
}

const asObject = (v: unknown): Record<string, unknown> => (v && typeof v === "object" ? (v as Record<string, unknown>) : {});
