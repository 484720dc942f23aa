/**
 * scripts/run.mjs runs a command from a bundle of its sources: it must never
 * run a stale one. Checked on a copy of the project (the copy's bundles are
 * its own), with the packages linked in.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { appendFileSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import { tempDir, tempProject, tempSeeds } from "../helpers/cli.ts";

const project = tempProject();
const seeds = tempSeeds();
const bundle = path.join(project, ".cache", "bundles", "cli-check.mjs");

const check = (env: Record<string, string> = {}) => {
  const r = spawnSync(process.execPath, [path.join(project, "scripts", "run.mjs"), "check", "--seeds", seeds, "--no-cache"], {
    cwd: project,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", ...env },
  });
  assert.equal(r.status, 0, r.stderr);
  return (r.stdout + r.stderr).replace(/\d+\.\d+ s\b/g, "N s"); // the time taken

};

test("a command runs from a bundle, made once and reused while its sources are unchanged", () => {
  const first = check();
  assert.match(first, /5 published/);
  assert.ok(existsSync(bundle), "no bundle was made");
  const made = statSync(bundle).mtimeMs;
  assert.equal(check(), first);
  assert.equal(statSync(bundle).mtimeMs, made, "an unchanged bundle was made again");
});

test("editing any source it was made from (not only the command) makes it again", () => {
  const before = statSync(bundle).mtimeMs;
  appendFileSync(path.join(project, "src", "report", "print.ts"), '\nconsole.error("edited after bundling");\n');
  const out = check();
  assert.match(out, /edited after bundling/);
  assert.notEqual(statSync(bundle).mtimeMs, before);
});

test("a source saved while the bundle is made (after esbuild read it) makes it again on the next run", () => {
  const print = path.join(project, "src", "report", "print.ts");
  appendFileSync(print, "\n// stale now\n");
  // Loaded before run.mjs: the first read of print.ts (esbuild's) is answered, then the file is saved with a new line.
  const preload = path.join(tempDir("launcher-preload"), "save-while-bundling.mjs");
  writeFileSync(
    preload,
    `import fs from "node:fs"; import { syncBuiltinESMExports } from "node:module"; import { isMainThread } from "node:worker_threads";
const read = fs.readFileSync; let saved = false;
if (isMainThread) fs.readFileSync = function (file, ...rest) {
  const text = read.call(this, file, ...rest);
  if (!saved && String(file) === ${JSON.stringify(print)}) { saved = true; fs.appendFileSync(file, '\\nconsole.error("saved while bundling");\\n'); }
  return text;
};
syncBuiltinESMExports();`,
  );
  assert.doesNotMatch(check({ NODE_OPTIONS: `--import=${pathToFileURL(preload).href}` }), /saved while bundling/, "bundled as esbuild read it");
  assert.match(readFileSync(print, "utf8"), /saved while bundling/);
  assert.match(check(), /saved while bundling/, "the next run bundled the saved file");
});

test("a fresh checkout with .cache/ kept (every file a new modification time, the same bytes) reuses the bundle; one byte changed, or the project moved, makes it again", () => {
  const print = path.join(project, "src", "report", "print.ts");
  const inputsOf = () => JSON.parse(readFileSync(path.join(project, ".cache", "bundles", "cli-check.inputs.json"), "utf8")) as { inputs: Record<string, [number, number]> };
  const expected = check();
  const made = statSync(bundle).mtimeMs;
  const later = new Date(Date.now() + 60_000);
  for (const dir of ["src", "scripts"]) {
    for (const file of readdirSync(path.join(project, dir), { recursive: true, withFileTypes: true })) {
      if (file.isFile()) utimesSync(path.join(file.parentPath, file.name), later, later);
    }
  }
  assert.equal(check(), expected);
  assert.equal(statSync(bundle).mtimeMs, made, "made again for new modification times alone");
  assert.equal(inputsOf().inputs["src/report/print.ts"]?.[1], statSync(print).mtimeMs, "the new stamps are recorded");

  // The same size, one byte changed.
  const text = readFileSync(print, "utf8");
  assert.match(text, /^\/\*\* The report/);
  writeFileSync(print, text.replace(/^\/\*\* The report/, "/** the report"));
  check();
  const remade = statSync(bundle).mtimeMs;
  assert.notEqual(remade, made, "a changed byte in a file of the same size went unseen");

  // Moved: the bundle names each file by its absolute path.
  const moved = `${project}-moved`;
  renameSync(project, moved);
  try {
    const r = spawnSync(process.execPath, [path.join(moved, "scripts", "run.mjs"), "check", "--seeds", seeds, "--no-cache"], { cwd: moved, encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    assert.notEqual(statSync(path.join(moved, ".cache", "bundles", "cli-check.mjs")).mtimeMs, remade, "a moved project ran the bundle made for its old folder");
  } finally {
    renameSync(moved, project);
  }
  // Back in its folder: made for it again, for the tests after this one.
  assert.equal(check(), expected);
});

test("`run.mjs bundle` makes every command's bundle that is stale, and only those, and the worker threads' bundles", () => {
  const bundles = ["build", "check", "new", "serve"].map((c) => path.join(project, ".cache", "bundles", `cli-${c}.mjs`));
  const checkMade = statSync(bundle).mtimeMs;
  const run = () => spawnSync(process.execPath, [path.join(project, "scripts", "run.mjs"), "bundle"], { cwd: project, encoding: "utf8" });
  assert.equal(run().status, 0);
  for (const file of bundles) assert.ok(existsSync(file), `${path.basename(file)} was not made`);
  const workers = readdirSync(path.join(project, ".cache", "bundles")).filter((f) => /^(worker|stories-worker|file-writer-thread)-\w+\.mjs$/.test(f));
  assert.deepEqual(workers.map((f) => f.replace(/-\w+\.mjs$/, "")).sort(), ["file-writer-thread", "stories-worker", "worker"]);
  assert.equal(statSync(bundle).mtimeMs, checkMade, "the fresh bundle of check was made again");
  const stamps = bundles.map((f) => statSync(f).mtimeMs);
  assert.equal(run().status, 0);
  assert.deepEqual(bundles.map((f) => statSync(f).mtimeMs), stamps, "fresh bundles were made again");
  // Each runs as a script with no character beyond ASCII, read 11–15 ms sooner (a template of ours
  // with one breaks that: src/render/html.ts); the line of the first is shown.
  for (const file of bundles) {
    const lines = readFileSync(file.replace(/\.mjs$/, ".script.js"), "utf8").split("\n");
    assert.equal(lines.find((line) => /[^\0-\x7f]/.test(line)), undefined, `${path.basename(file)}'s script`);
  }
});

test("the bundle runs as a script from the code the run before left in V8's cache; without a script that fits, as the module", () => {
  const script = path.join(project, ".cache", "bundles", "cli-check.script.js");
  const cache = `${script}.v8cache`;
  const run = () => {
    const r = spawnSync(process.execPath, [path.join(project, "scripts", "run.mjs"), "check", "--seeds", seeds, "--no-cache"], {
      cwd: project,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1", NEWSROOM_DEBUG: "1" },
    });
    assert.equal(r.status, 0, r.stderr);
    const stderr = r.stderr.replace(/^code cache: .*\n/m, "");
    return { out: (r.stdout + stderr).replace(/\d+\.\d+ s\b/g, "N s"), cache: /code cache: ([a-z ]+)/.exec(r.stderr)?.[1] };
  };
  const expected = check();
  assert.ok(existsSync(script) && existsSync(cache), "the script and its cache");
  const warm = run();
  assert.deepEqual(warm, { out: expected, cache: "used" });
  // A cache that does not fit (another V8, a damaged file): compiled afresh, and saved again.
  writeFileSync(cache, "not V8's code");
  assert.deepEqual(run(), { out: expected, cache: "rejected" });
  assert.equal(run().cache, "used");
  // No script (a bundle with something it could not turn into one): the module, as before.
  rmSync(script);
  assert.deepEqual(run(), { out: expected, cache: undefined });
});

test("NEWSROOM_NO_BUNDLE=1 runs the sources under tsx, with the same result", () => {
  assert.equal(check({ NEWSROOM_NO_BUNDLE: "1" }), check());
});

test("an unknown command is refused with the usage", () => {
  const r = spawnSync(process.execPath, [path.join(project, "scripts", "run.mjs"), "deploy"], { encoding: "utf8" });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /usage: node scripts\/run\.mjs <build\|check\|new\|serve>/);
});
