/**
 * Our bundles set markdown-it's class fields by assignment instead of through
 * its `_defineProperty` helper (src/threads/bundle-fields.mjs). That is the
 * same only while no prototype of its classes has a property of a field's
 * name, and only if every call is rewritten: checked here against the
 * installed markdown-it, and a bundle made with the rewrite renders as the
 * package does.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { test } from "node:test";
import { build } from "esbuild";
import MarkdownIt from "markdown-it";
import { assignedFields, assignFields, bundleSource, MARKDOWN_IT_DIST } from "../../src/threads/bundle-fields.mjs";
import { renderBody } from "../../src/enrich/markdown.ts";
import { ROOT, tempDir } from "../helpers/cli.ts";

const dist = path.join(path.dirname(createRequire(import.meta.url).resolve("markdown-it")), "markdown-it.mjs");
const source = readFileSync(dist, "utf8");

test("every field markdown-it sets through its helper is set by assignment", () => {
  assert.match(dist, MARKDOWN_IT_DIST);
  const { code, fields } = assignFields(source);
  assert.ok(fields.length > 20, `${fields.length} fields`);
  assert.doesNotMatch(code, /_defineProperty\(\s*this\b/);
  assert.match(code, /this\.map = null;/);
  assert.equal(bundleSource(dist, source), code);
  assert.equal(bundleSource("/x/node_modules/other/dist/markdown-it.mjs.map", source), source, "other files stay as they are");
});

test("no class of markdown-it has a prototype property of a field's name (where assigning and defining differ)", () => {
  // The classes its build declares, each found on the package's export (the main one by its instances).
  const declared = [...source.matchAll(/\bvar ([A-Za-z_$][\w$]*) = class\b/g)].map((m) => m[1]!);
  const main = Object.getPrototypeOf(new MarkdownIt()).constructor as new () => object;
  const byName = MarkdownIt as unknown as Record<string, (new () => object) | undefined>;
  const classes = declared.map((name) => (name === main.name ? main : byName[name]));
  assert.ok(declared.length >= 10 && classes.every((c) => typeof c === "function"), `declared: ${declared.join(", ")}`);
  const names = new Set<string>();
  for (const c of classes) for (let p: object | null = c!.prototype as object; p; p = Object.getPrototypeOf(p)) for (const n of Object.getOwnPropertyNames(p)) names.add(n);
  const { fields } = assignFields(source);
  assert.deepEqual(fields.filter((f) => names.has(f)), []);
});

test("a call of another shape leaves the file as it was", () => {
  const odd = `${source}\n_defineProperty(this, computedName(), 1);\n`;
  assert.deepEqual(assignFields(odd), { code: odd, fields: [] });
});

test("markdown rendered by a bundle made with the rewrite is the package's", async () => {
  const out = path.join(tempDir("bundle-fields"), "markdown.mjs");
  await build({ entryPoints: [path.join(ROOT, "src/enrich/markdown.ts")], outfile: out, bundle: true, platform: "node", format: "esm", plugins: [assignedFields], logLevel: "silent" });
  const bundled = readFileSync(out, "utf8");
  assert.doesNotMatch(bundled, /_defineProperty\(\s*this\b/, "the bundle holds the rewritten build");
  const { renderBody: bundledRender } = (await import(pathToFileURL(out).href)) as { renderBody: typeof renderBody };
  const seeds = readdirSync(path.join(ROOT, "seeds")).map((f) => readFileSync(path.join(ROOT, "seeds", f), "utf8"));
  const samples = [...seeds, "# Head\n\n> quote *em* **strong** `code` ~~s~~ [a](https://x.org) ![i](https://x.org/i.png)\n\n1. one\n2. two\n\n| a | b |\n|---|---|\n| c | d |\n\n```js\nx\n```\n"];
  for (const s of samples) assert.deepEqual(bundledRender(s, "LONDON"), renderBody(s, "LONDON"));
});
