/**
 * scripts/run-script.mjs turns a bundle into a script with no character beyond ASCII (Node decodes
 * such a script in a quarter of the time), and the script must do what the bundle did.
 */
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { test } from "node:test";
import vm from "node:vm";
import { tempDir } from "../helpers/cli.ts";
// @ts-expect-error: plain JavaScript with JSDoc types, no declaration file
import { writeScript } from "../../scripts/run-script.mjs";

const NON_ASCII = /[^\0-\x7f]/;

/** The bundle `source` made into a script, and what its body left in `out` when run. */
async function asScript(source: string): Promise<{ script: string; out: Record<string, unknown> }> {
  const dir = tempDir("run-script");
  const [bundleFile, scriptFile] = [path.join(dir, "cli.mjs"), path.join(dir, "cli.script.js")];
  writeFileSync(bundleFile, source);
  assert.equal(writeScript(bundleFile, scriptFile), true);
  const script = readFileSync(scriptFile, "utf8");
  const out: Record<string, unknown> = {};
  const run = new vm.Script(script).runInThisContext() as (...args: unknown[]) => Promise<void>;
  (globalThis as { out?: unknown }).out = out;
  await run(createRequire(bundleFile), (s: string) => import(s), { url: "file:///x" });
  return { script, out };
}

test("comments and regular expressions lose their non-ASCII characters; what the code does is the same", async () => {
  const { script, out } = await asScript(
    [
      'import path from "node:path";',
      "// a dash – and an arrow →",
      "/* résumé, 😀 */",
      "const dash = /[–—]/g;",
      'const emoji = /^😀+$/u;',
      'const set = /[àé]/;',
      // Strings as esbuild writes them: it escapes strings and templates itself (its default charset).
      'out.replaced = "a\\u2013b\\u2014c".replace(dash, "-");',
      'out.emoji = emoji.test("\\u{1F600}\\u{1F600}") && !emoji.test("\\ud83d");',
      'out.set = set.test("\\xE9") && !set.test("e");',
      'out.text = "na\\xEFve \\xB7 \\xA9";',
      'out.sep = path.sep;',
    ].join("\n"),
  );
  assert.equal(NON_ASCII.test(script), false, script);
  assert.deepEqual(out, { replaced: "a-b-c", emoji: true, set: true, text: "naïve · ©", sep: path.sep });
});
