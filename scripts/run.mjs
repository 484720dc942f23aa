// @ts-check
/**
 * Where the npm scripts start: `node scripts/run.mjs <command> [args…]` runs
 * `scripts/<command>.ts` (build, check, new, serve).
 *
 * Why not `tsx scripts/build.ts`: tsx transforms and resolves the ~150
 * modules of a build one at a time through its loader thread, which took
 * 0.9 s before the build began (a rebuild with nothing to do is 3 s) and
 * 33 MB for the thread. So the command is bundled once with esbuild (which
 * tsx itself runs on) into one plain ES module under `.cache/bundles/`, and
 * later runs import that. The packages it imports are bundled with it:
 * Eleventy alone is ~480 modules, whose resolution and loading by Node took
 * 0.4 s of every build (0.2 s bundled). Packages that run native binaries
 * stay external (EXTERNAL).
 *
 * The bundle is used only while every file it was made from (this one
 * included) has the size and modification time recorded beside it (esbuild
 * lists them), or else the same bytes: a fresh checkout with `.cache/` kept
 * (CI) gives every file a new modification time, and the SHA-256 recorded of
 * each file's bytes as they were bundled tells an unchanged one, whose new
 * stamp is then recorded. Any edit, added import or project moved to another
 * folder (the bundle names each file by its absolute path) makes the next run
 * bundle again (2–6 s). Each module keeps its own `import.meta.url`,
 * `__dirname` and `__filename` (replaced at bundling), so paths relative to
 * a file (site settings, caches, worker entries, a package's own files)
 * resolve as they do unbundled. Without esbuild, or if bundling fails, the
 * command runs under tsx as before. NEWSROOM_NO_BUNDLE=1 forces tsx.
 * `node scripts/run.mjs bundle` makes every stale bundle now (the benchmark
 * does, so that no timed build pays for it), and the worker threads' bundles
 * (scripts/bundle-workers.ts). The bundle runs as a classic
 * script from V8's code cache (run-script.mjs), or else is imported.
 *
 * Plain JavaScript: it must run before anything can read TypeScript.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { runScript, writeScript } from "./run-script.mjs";
import { bundleSource } from "../src/threads/bundle-fields.mjs";
import { fileStamp } from "../src/threads/file-stamp.mjs";
import { writeFileAtomically } from "../src/threads/write-atomically.mjs";

const ROOT = path.resolve(import.meta.dirname, "..");
const COMMANDS = ["build", "check", "new", "serve"];
/** This file, the one that makes a bundle's script and the one that rewrites markdown-it's fields, as the bundles' inputs name them: how they bundle is part of what they made. */
const SELF = path.relative(ROOT, import.meta.filename);
const LAUNCHERS = [SELF, ...["./run-script.mjs", "../src/threads/bundle-fields.mjs", "../src/threads/file-stamp.mjs", "../src/threads/write-atomically.mjs"].map((file) => path.relative(ROOT, fileURLToPath(new URL(file, import.meta.url))))];
/** Loaded by Node, not bundled: native binaries (esbuild, sharp under eleventy-img, pagefind's, fsevents on macOS), tsx, playwright. */
const EXTERNAL = ["esbuild", "pagefind", "tsx", "playwright-core", "@11ty/eleventy-img", "sharp", "fsevents"];

const [command] = process.argv.slice(2);
if (!command || ![...COMMANDS, "bundle"].includes(command)) {
  console.error(`usage: node scripts/run.mjs <${COMMANDS.join("|")}> [args…]\n       node scripts/run.mjs bundle   (make every command's and worker thread's bundle now, e.g. before timing builds)`);
  process.exit(2);
}
// The command reads its own arguments from process.argv, as when run directly.
process.argv.splice(2, 1);
const bundleDir = path.join(ROOT, ".cache", "bundles");

/** Where a command's source, bundle and the stamps of the bundle's inputs are. */
const filesOf = (/** @type {string} */ name) => ({
  entry: path.join(ROOT, "scripts", `${name}.ts`),
  bundleFile: path.join(bundleDir, `cli-${name}.mjs`),
  scriptFile: path.join(bundleDir, `cli-${name}.script.js`),
  inputsFile: path.join(bundleDir, `cli-${name}.inputs.json`),
});

/**
 * What a bundle was made from: the runtime, the project's folder, each file's stamp and the SHA-256
 * of the bytes bundled (or, for the launchers, read once stamped).
 * @typedef {{ node: string, root: string, inputs: Record<string, [size: number, mtimeMs: number]>, hashes: Record<string, string> }} Inputs
 */

/** @typedef {Inputs["inputs"][string]} Stamp */

const sha256 = (/** @type {Buffer} */ bytes) => createHash("sha256").update(bytes).digest("base64url");

/** @returns {Stamp} a file's size and modification time (relative to the project), or -1s when it is missing */
function stampOf(/** @type {string} */ file) {
  return fileStamp(path.join(ROOT, file));
}

/** @returns {Inputs["inputs"]} the stamps of the files listed as they are now, or as `taken` has them */
function stampsOf(/** @type {string[]} */ files, /** @type {Map<string, Stamp>} */ taken = new Map()) {
  return Object.fromEntries(files.map((file) => [file, taken.get(file) ?? stampOf(file)]));
}

function isFresh(/** @type {ReturnType<typeof filesOf>} */ { bundleFile, inputsFile }) {
  try {
    /** @type {Inputs} */
    const recorded = JSON.parse(readFileSync(inputsFile, "utf8"));
    // A bundle made by another version of this file (which is not among its inputs) is stale too.
    if (recorded.node !== process.version || recorded.root !== ROOT || !LAUNCHERS.every((file) => file in recorded.inputs)) return false;
    if (statSync(bundleFile, { throwIfNoEntry: false })?.isFile() !== true) return false;
    const now = stampsOf(Object.keys(recorded.inputs));
    let restamped = false;
    for (const [file, [size, mtimeMs]] of Object.entries(now)) {
      const [wasSize, wasMtime] = recorded.inputs[file] ?? [];
      if (size === wasSize && mtimeMs === wasMtime) continue;
      // A new stamp with the same bytes (a fresh checkout): hashed, only then.
      if (size !== wasSize || !recorded.hashes[file] || sha256(readFileSync(path.join(ROOT, file))) !== recorded.hashes[file]) return false;
      restamped = true;
    }
    if (restamped) writeFileAtomically(inputsFile, JSON.stringify({ ...recorded, inputs: now }));
    return true;
  } catch {
    return false;
  }
}

async function bundle(/** @type {ReturnType<typeof filesOf>} */ { entry, bundleFile, scriptFile, inputsFile }) {
  const esbuild = await import("esbuild");
  /**
   * Each source's stamp, taken just before esbuild reads it: a file saved while the bundle is made
   * then differs from its stamp, and the next run bundles again. Stamped after bundling, the saved
   * file's stamp would be taken for what was bundled, and the stale bundle run until the next edit.
   * @type {Map<string, Stamp>}
   */
  const taken = new Map();
  /** The SHA-256 of each source's bytes as esbuild was given them. @type {Map<string, string>} */
  const hashes = new Map();
  /** A source's bytes for esbuild, stamped before they are read and hashed as read. */
  const readSource = (/** @type {string} */ file) => {
    const rel = path.relative(ROOT, file);
    taken.set(rel, stampOf(rel));
    const bytes = readFileSync(file);
    hashes.set(rel, sha256(bytes));
    return bytes;
  };
  /**
   * Each file's own import.meta, __dirname and __filename, as constants: esbuild's `define` replaces
   * expressions, never text in strings. (Packages' files go through the transform too, which also renames
   * identifiers that are reserved words in an ES module, as the dev server's `interface`.)
   */
  const ownImportMeta = {
    name: "own-import-meta",
    setup(/** @type {import("esbuild").PluginBuild} */ build) {
      // JSON too, which esbuild would read itself: each file's bytes are hashed as they are bundled.
      build.onLoad({ filter: /\.json$/ }, (file) => ({ contents: readSource(file.path), loader: "json" }));
      build.onLoad({ filter: /\.[cm]?[jt]s$/ }, async (file) => {
        // markdown-it's fields set by assignment (bundle-fields.mjs).
        const source = bundleSource(file.path, readSource(file.path).toString("utf8"));
        const ts = /\.[cm]?ts$/.test(file.path);
        const { code } = await esbuild.transform(source, {
          loader: ts ? "ts" : "js",
          format: ts ? "esm" : undefined,
          sourcefile: file.path,
          define: {
            "import.meta.url": JSON.stringify(pathToFileURL(file.path).href),
            "import.meta.dirname": JSON.stringify(path.dirname(file.path)),
            "import.meta.filename": JSON.stringify(file.path),
            __dirname: JSON.stringify(path.dirname(file.path)),
            __filename: JSON.stringify(file.path),
          },
        });
        return { contents: code, loader: "js", resolveDir: path.dirname(file.path) };
      });
    },
  };
  mkdirSync(bundleDir, { recursive: true });
  // Written beside and renamed: a command starting meanwhile never reads half a bundle.
  const tmp = `${bundleFile}.${process.pid}.tmp`;
  const result = await esbuild.build({
    entryPoints: [entry],
    absWorkingDir: ROOT,
    outfile: tmp,
    bundle: true,
    platform: "node",
    format: "esm",
    target: `node${process.versions.node.split(".")[0]}`,
    external: EXTERNAL,
    // CommonJS packages' `require` of Node's modules, in an ES module: a real one.
    banner: { js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);" },
    metafile: true,
    legalComments: "none",
    logLevel: "silent",
    plugins: [ownImportMeta],
  });
  // The launchers are stamped now, then hashed.
  const inputs = stampsOf([...LAUNCHERS, ...Object.keys(result.metafile.inputs)], taken);
  for (const file of LAUNCHERS) hashes.set(file, sha256(readFileSync(path.join(ROOT, file))));
  renameSync(tmp, bundleFile);
  writeScript(bundleFile, scriptFile);
  writeFileAtomically(inputsFile, JSON.stringify(/** @type {Inputs} */ ({ node: process.version, root: ROOT, inputs, hashes: Object.fromEntries(hashes) })));
}

async function runUnderTsx(/** @type {string} */ entry) {
  const { register } = await import("tsx/esm/api");
  register();
  await import(pathToFileURL(entry).href);
}

if (command === "bundle") {
  await Promise.all(COMMANDS.map(filesOf).filter((files) => !isFresh(files)).map(bundle));
  // Then the worker threads' bundles, which a build makes when it first starts one.
  await runUnderTsx(path.join(ROOT, "scripts", "bundle-workers.ts"));
} else if (process.env.NEWSROOM_NO_BUNDLE === "1") {
  await runUnderTsx(filesOf(command).entry);
} else {
  const files = filesOf(command);
  let ready = isFresh(files);
  if (!ready) {
    try {
      await bundle(files);
      ready = true;
    } catch (cause) {
      if (process.env.NEWSROOM_DEBUG) console.error(new Error("bundling failed; running under tsx", { cause }));
    }
  }
  if (!ready) await runUnderTsx(files.entry);
  else if (!(await runScript(files.scriptFile, files.bundleFile, (specifier, options) => import(specifier, options), (specifier) => import.meta.resolve(specifier)))) {
    await import(pathToFileURL(files.bundleFile).href);
  }
}