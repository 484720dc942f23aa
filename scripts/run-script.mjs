// @ts-check
/**
 * A command's bundle run as a classic script from V8's code cache (run.mjs
 * runs it). Node 20 compiles an ES module afresh in every process (its
 * compile cache, `module.enableCompileCache`, comes with Node 22.1), and
 * compiling the 6 MB build bundle took 0.1 s of every build, then more as
 * its functions were compiled on their first call. A classic script
 * (`vm.Script`) can start from code V8 compiled in an earlier process: the
 * first run saves what was compiled by its end (`createCachedData`), later
 * runs hand it back (`cachedData`). V8 checks the cache against the source,
 * its own version and flags, and compiles afresh (the run then saves a new
 * one) when it does not fit. Measured: a command starts 0.13 s sooner.
 *
 * The script is made from the ES module bundle (`writeScript`, with acorn's
 * syntax tree of it, so that text in strings and comments is never taken
 * for code). esbuild writes one module whose only import declarations are
 * of Node's built-in modules (packages are bundled, or loaded with
 * `import()`); they become `require` calls, moved first as imports are.
 * `import()` and `import.meta` become a function and an object given in by
 * the caller: the same as the bundle's, but that `import()` and
 * `import.meta.resolve` resolve from the caller's folder, which for a
 * package name (the only specifiers left to them) is the same. The whole is
 * an async function (top-level await), in strict mode as a module is. A
 * bundle with anything else (an export, another package imported) is left as
 * it is, and the command imports the ES module.
 */
import { readFileSync, rmSync } from "node:fs";
import { createRequire, isBuiltin } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import vm from "node:vm";
import { writeFileAtomically } from "../src/threads/write-atomically.mjs";

/** @typedef {{ type: string, start: number, end: number, [key: string]: unknown }} Node */

/** Every node of the tree under `root` (a stack, not nested generators: bundles are deep). */
function nodes(/** @type {Node} */ root) {
  const out = [];
  const stack = [root];
  while (stack.length) {
    const node = /** @type {Node} */ (stack.pop());
    out.push(node);
    for (const value of Object.values(node)) {
      for (const child of Array.isArray(value) ? value : [value]) {
        if (child && typeof child === "object" && typeof child.type === "string") stack.push(child);
      }
    }
  }
  return out;
}

/** An import declaration of a built-in module as `const … = __require(…)`, or undefined for any other. */
function asRequire(/** @type {Node} */ declaration) {
  const name = /** @type {{ value: unknown }} */ (declaration.source).value;
  if (typeof name !== "string" || !isBuiltin(name)) return undefined;
  const req = `__require(${JSON.stringify(name)})`;
  const parts = [];
  const named = [];
  for (const spec of /** @type {Array<{ type: string, local: { name: string }, imported?: { name?: string } }>} */ (declaration.specifiers)) {
    if (spec.type === "ImportDefaultSpecifier") parts.push(`${spec.local.name} = ${req}`);
    else if (spec.type === "ImportNamespaceSpecifier") parts.push(`${spec.local.name} = { ...${req}, default: ${req} }`);
    else if (spec.imported?.name !== undefined) named.push(`${spec.imported.name}: ${spec.local.name}`);
    else return undefined;
  }
  if (named.length) parts.push(`{ ${named.join(", ")} } = ${req}`);
  return parts.length ? `const ${parts.join(", ")};` : `${req};`;
}

/**
 * Writes the script form of the ES module `bundleFile` to `scriptFile` and drops the code cached
 * for an earlier one; false (and no script) when the bundle holds something it cannot turn into one.
 */
export function writeScript(/** @type {string} */ bundleFile, /** @type {string} */ scriptFile) {
  rmSync(scriptFile, { force: true });
  rmSync(cacheOf(scriptFile), { force: true });
  let source = readFileSync(bundleFile, "utf8");
  // Loaded here, once per bundle made: imported with this file, it cost every command 11 ms.
  const { Parser } = /** @type {typeof import("acorn")} */ (createRequire(import.meta.url)("acorn"));
  let tree;
  /** @type {Array<[start: number, end: number]>} */
  const comments = [];
  try {
    tree = /** @type {Node} */ (
      /** @type {unknown} */ (Parser.parse(source, { ecmaVersion: "latest", sourceType: "module", onComment: (_block, _text, start, end) => comments.push([start, end]) }))
    );
  } catch {
    return false; // syntax newer than this acorn knows
  }
  source = asciiComments(source, comments);
  /** @type {Array<[start: number, text: string]>} */
  const requires = [];
  /** @type {Array<[start: number, end: number, text: string]>} */
  const edits = [];
  for (const node of nodes(tree)) {
    if (node.type === "ImportDeclaration") {
      const declaration = asRequire(node);
      if (declaration === undefined) return false;
      requires.push([node.start, declaration]);
      edits.push([node.start, node.end, ""]);
    } else if (node.type === "ImportExpression") {
      edits.push([node.start, node.start + "import".length, "__import"]);
    } else if (node.type === "MetaProperty" && /** @type {{ name: string }} */ (node.meta).name === "import") {
      edits.push([node.start, node.end, "__importMeta"]);
    } else if (/^Export/.test(node.type)) {
      return false;
    } else if (node.type === "Literal" && node.regex && NON_ASCII.test(String(node.raw))) {
      edits.push([node.start, node.end, asciiRegex(String(node.raw))]);
    }
  }
  requires.sort((a, b) => a[0] - b[0]);
  edits.sort((a, b) => a[0] - b[0]);
  let body = "";
  let at = 0;
  for (const [start, end, text] of edits) {
    body += source.slice(at, start) + text;
    at = end;
  }
  body += source.slice(at);
  writeFileAtomically(scriptFile, `(async function (__require, __import, __importMeta) {"use strict"; ${requires.map(([, text]) => text).join(" ")}\n${body}\n})`);
  return true;
}

/**
 * Characters beyond ASCII, which the script is better without: Node decodes 6 MB of ASCII in 4 ms,
 * and took 15–18 ms of every command when a few comments and regular expressions held others
 * (V8 then also keeps the whole source as two-byte text).
 */
const NON_ASCII = /[^\0-\x7f]/;
const NON_ASCII_ALL = new RegExp(NON_ASCII.source, "g");
/** One not after a backslash (in a regular expression, an identity escape of it). */
const NON_ASCII_UNESCAPED = new RegExp(`(?<!\\\\)${NON_ASCII.source}`, "g");

/**
 * A regular expression literal with its non-ASCII code units written as `\uXXXX`, which match the
 * same (in a character class too, and with the `u` or `v` flag a pair of surrogates reads as one
 * code point); one after a backslash (an identity escape) is left as it is.
 */
const asciiRegex = (/** @type {string} */ raw) =>
  raw.replace(NON_ASCII_UNESCAPED, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

/**
 * `source` with every non-ASCII code unit inside a comment (`comments`: their ranges) replaced by
 * "?", which keeps every position: esbuild escapes them in code (its default `charset`), but keeps
 * comments it copies (from luxon's, for one) as they are.
 */
function asciiComments(/** @type {string} */ source, /** @type {ReadonlyArray<[number, number]>} */ comments) {
  let out = "";
  let at = 0;
  for (const [start, end] of comments) {
    const text = source.slice(start, end);
    if (!NON_ASCII.test(text)) continue;
    out += source.slice(at, start) + text.replace(NON_ASCII_ALL, "?");
    at = end;
  }
  return out + source.slice(at);
}

const cacheOf = (/** @type {string} */ scriptFile) => `${scriptFile}.v8cache`;

/** The file's bytes, or undefined when there is none. */
function readIfThere(/** @type {string} */ file) {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/**
 * Runs the script `scriptFile` (`writeScript` of `bundleFile`) from its cached code, and saves the
 * code compiled by the end of the process when there was none that fit. False, having run nothing,
 * when the script does not compile (the caller imports the ES module instead). `callerImport` and
 * `callerResolve`: the caller's `import()` and `import.meta.resolve`.
 */
export async function runScript(
  /** @type {string} */ scriptFile,
  /** @type {string} */ bundleFile,
  /** @type {(specifier: string, options?: ImportCallOptions) => Promise<unknown>} */ callerImport,
  /** @type {(specifier: string) => string} */ callerResolve,
) {
  const source = readIfThere(scriptFile);
  if (source === undefined) return false;
  const cacheFile = cacheOf(scriptFile);
  const cachedData = readIfThere(cacheFile);
  let script;
  try {
    script = new vm.Script(source.toString("utf8"), { filename: scriptFile, cachedData });
  } catch {
    rmSync(scriptFile, { force: true });
    return false;
  }
  const fits = cachedData !== undefined && !script.cachedDataRejected;
  if (process.env.NEWSROOM_DEBUG) console.error(`code cache: ${fits ? "used" : cachedData ? "rejected" : "none yet"}`);
  if (!fits) {
    process.once("exit", () => {
      try {
        writeFileAtomically(cacheFile, script.createCachedData());
      } catch {
        // No cache: the next run compiles, as this one did.
      }
    });
  }
  const importMeta = { url: pathToFileURL(bundleFile).href, dirname: path.dirname(bundleFile), filename: bundleFile, resolve: callerResolve };
  await script.runInThisContext()(createRequire(bundleFile), callerImport, importMeta);
  return true;
}
