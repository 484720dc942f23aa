// @ts-check
/**
 * How our bundles compile markdown-it's class fields (scripts/run.mjs for the
 * commands, start-worker.ts for the workers): as plain assignments.
 *
 * markdown-it's published build (dist/markdown-it.mjs, compiled from its
 * TypeScript) sets the fields of the objects it makes through one shared
 * helper, `_defineProperty(this, "name", value)`, which converts the key,
 * checks `name in this` and then assigns: every such store of every class
 * goes through the same generic code. A Token sets eight fields so, and
 * markdown-it makes several tokens for every paragraph: in a profile the
 * helper was a quarter of markdown-it's time, and the per-file stages of
 * 10,000 benchmark seeds took 4.0 s on one thread with this rewrite, 4.4 s
 * without.
 *
 * `this.name = value` does the same as the helper whenever no prototype of
 * the object has a property of that name (the helper then assigns too); a
 * test checks that none of markdown-it's classes has one of these names
 * (TypeScript compiles fields this way with `useDefineForClassFields: false`).
 * Each call is rewritten, or, should one not have the expected shape (another
 * version of markdown-it), none is.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

/** The file: markdown-it's ES module build, which `import "markdown-it"` loads. */
export const MARKDOWN_IT_DIST = /[\\/]node_modules[\\/]markdown-it[\\/]dist[\\/]markdown-it\.mjs$/;

/** `_defineProperty(this, /** doc *\/ "name", value);`, the value holding no `;` and parentheses one deep at most. */
const FIELD = /_defineProperty\(\s*this,\s*(?:\/\*\*(?:[^*]|\*(?!\/))*\*\/\s*)?"([A-Za-z_$][\w$]*)",\s*((?:[^;()]|\([^;()]*\))*?)\s*\);/g;
const CALL = /_defineProperty\(\s*this\b/g;

/**
 * `source` with every field set through the helper set by assignment, and the names of those
 * fields; the source as it is (and no names) if any call is not of the expected shape.
 * @param {string} source
 * @returns {{ code: string, fields: string[] }}
 */
export function assignFields(source) {
  /** @type {string[]} */
  const fields = [];
  const code = source.replace(FIELD, (_, name, value) => {
    fields.push(name);
    return `this.${name} = ${value};`;
  });
  return fields.length === (source.match(CALL) ?? []).length ? { code, fields } : { code: source, fields: [] };
}

/** The contents of the file at `file` for a bundle: rewritten if it is markdown-it's build. */
export const bundleSource = (/** @type {string} */ file, /** @type {string} */ source) =>
  MARKDOWN_IT_DIST.test(file) ? assignFields(source).code : source;

/** The same, as an esbuild plugin (for a build with no other `onLoad`). */
export const assignedFields = {
  name: "assigned-fields",
  setup(/** @type {import("esbuild").PluginBuild} */ build) {
    build.onLoad({ filter: MARKDOWN_IT_DIST }, (file) => ({
      contents: bundleSource(file.path, readFileSync(file.path, "utf8")),
      loader: /** @type {const} */ ("js"),
      resolveDir: path.dirname(file.path),
    }));
  },
};
