/**
 * Static files (`_includes/assets`, copied into `assets/`) follow the project
 * into a live site that is built incrementally: one added is published, one
 * removed leaves the site with the build after, as a full build would have it.
 * So does the preview (`npm start`), with no other change to rebuild for.
 * Run on a copy of the project, whose static files the test may change.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { tempDir, tempProject, tempSeeds } from "../helpers/cli.ts";
import { startPreview, until } from "../helpers/preview.ts";

const project = tempProject();
const seeds = tempSeeds();
const out = path.join(tempDir("static-files"), "site");
const assets = path.join(project, "_includes", "assets");

function build(...flags: string[]): string {
  const to = flags.includes("--no-cache") ? `${out}-full` : out;
  const r = spawnSync(process.execPath, [path.join(project, "scripts", "run.mjs"), "build", "--seeds", seeds, "--out", to, "--now", "2025-09-10T12:00:00Z", ...flags], {
    cwd: project,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}
const staticFiles = (site: string) => readdirSync(path.join(site, "assets"), { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => path.relative(site, path.join(d.parentPath, d.name))).sort();

test("a static file added to the project is published by the next build, and removed from the live site by the build after its removal", () => {
  build();
  const home = statSync(path.join(out, "index.html")).ino;
  mkdirSync(path.join(assets, "fonts"));
  writeFileSync(path.join(assets, "fonts", "serif.woff2"), "font bytes");
  assert.match(build(), /Pages: 0 of \d+ written/);
  assert.ok(existsSync(path.join(out, "assets", "fonts", "serif.woff2")), "the added file");

  rmSync(path.join(assets, "fonts"), { recursive: true });
  assert.match(build(), /Pages: 0 of \d+ written/);
  assert.equal(existsSync(path.join(out, "assets", "fonts")), false, "the removed file and its folder are gone");
  assert.equal(statSync(path.join(out, "index.html")).ino, home, "and the site was not written again whole");
  build("--no-cache");
  assert.deepEqual(staticFiles(out), staticFiles(`${out}-full`), "as a full build has them");
  assert.ok(staticFiles(out).includes("assets/site.css"));

  // No static folder at all: nothing to copy, and the live site's copies go.
  renameSync(assets, `${assets}-away`);
  try {
    assert.match(build(), /Pages: 0 of \d+ written/);
    assert.equal(existsSync(path.join(out, "assets")), false);
  } finally {
    renameSync(`${assets}-away`, assets);
  }
});

test("with `npm start` running, a static file added is served, deleted is gone from the preview without another change, and edited is served new; the others are never rewritten", async () => {
  const preview = path.join(tempDir("static-files-preview"), "site");
  const server = await startPreview(["--seeds", seeds, "--out", preview], { project });
  const siteCss = path.join(preview, "assets", "site.css");
  try {
    const status = async (url: string) => (await fetch(new URL(url, server.base))).status;
    const stylesheet = statSync(siteCss).ino;
    // Each poll asks for the stylesheet too: a page loaded while the preview rebuilds keeps its styles.
    const stylesheetStatuses: number[] = [];
    const served = async (url: string, want: number) => {
      stylesheetStatuses.push(await status("assets/site.css"));
      return (await status(url)) === want ? true : undefined;
    };
    writeFileSync(path.join(assets, "print.css"), "@media print { nav { display: none } }");
    await until(server, "the added file", () => served("assets/print.css", 200));
    rmSync(path.join(assets, "print.css"));
    await until(server, "the deleted file to go", () => served("assets/print.css", 404));
    assert.equal(existsSync(path.join(preview, "assets", "print.css")), false);
    assert.deepEqual(new Set([...stylesheetStatuses, await status("assets/site.css")]), new Set([200]), "the stylesheet, while the preview rebuilt");
    assert.equal(statSync(siteCss).ino, stylesheet, "the unchanged stylesheet was not written again");
    // Edited: the new bytes are served.
    const css = path.join(assets, "site.css");
    const original = readFileSync(css, "utf8");
    try {
      writeFileSync(css, `${original}\n/* edited while the preview runs */\n`);
      await until(server, "the edited stylesheet", async () => (await (await fetch(new URL("assets/site.css", server.base))).text()).includes("edited while the preview runs"));
    } finally {
      writeFileSync(css, original);
    }
  } finally {
    await server.stop();
  }
});
