/**
 * `npm start` on a large seeds folder (3,000 seeds, where a rebuild takes
 * about a second):
 * - once it says it is serving, an edit is seen. (With Eleventy's watcher,
 *   which watches every file, thousands of watches were still being added
 *   after that line, and an edit in that window was lost: the benchmark found
 *   it at 10,000 seeds.)
 * - the page it shows at once after an edit, before the rebuild
 *   (src/publish/preview-fast.ts), is the page the rebuild then writes.
 */
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { appendFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { writeArticles } from "../../scripts/bench/corpus.ts";
import { freePort } from "../../scripts/bench/preview.ts";
import { ROOT, tempDir } from "../helpers/cli.ts";

const seeds = tempDir("serve-ready");
let server: ChildProcess;
let log = "";
let base = "";

const until = async (what: string, ready: () => boolean, ms: number) => {
  for (const deadline = Date.now() + ms; !ready(); await new Promise((r) => setTimeout(r, 20))) {
    assert.ok(Date.now() < deadline && server.exitCode === null, `${what}; server output:\n${log}`);
  }
};
const page = async (url: string) => (await fetch(new URL(url, base))).text();
/** A rebuild's summary line, in the output since `from`. */
const rebuilt = (from: number) => /\d+ files with errors/.test(log.slice(from));

before(async () => {
  writeArticles(seeds, 0, 3000);
  server = spawn(process.execPath, ["scripts/run.mjs", "serve", "--seeds", seeds, "--out", path.join(tempDir("serve-ready-out"), "site"), "--port", String(await freePort())], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: "1" },
  });
  server.stdout!.on("data", (c: Buffer) => (log += c.toString()));
  server.stderr!.on("data", (c: Buffer) => (log += c.toString()));
  await until("the server did not start", () => log.includes("Preview (drafts included) at"), 100_000);
  base = /Preview \(drafts included\) at (http:\/\/\S+\/)/.exec(log)![1]!;
});

after(async () => {
  server.kill("SIGINT");
  await new Promise((resolve) => (server.exitCode === null ? server.once("exit", resolve) : resolve(null)));
});

test("an edit made as soon as the preview says it is serving is picked up", { timeout: 60_000 }, async () => {
  // One seed from every folder: watches were added folder after folder.
  const all = (readdirSync(seeds, { recursive: true }) as string[]).filter((f) => /\.(md|txt)$/.test(f)).sort();
  const edited = [...new Map(all.map((f) => [path.dirname(f), f])).values()];
  assert.ok(edited.length > 20, `${edited.length} folders`);
  const from = log.length;
  for (const rel of edited) appendFileSync(path.join(seeds, rel), "\nOne more sentence, written at once.\n");
  const unseen = () => edited.filter((rel) => !log.slice(from).includes(`${rel}: `));
  await until("edits were not seen", () => unseen().length === 0 && rebuilt(from), 20_000).catch((e: Error) => {
    throw new Error(`${e.message.split(";")[0]}: ${unseen().join(", ")}`);
  });
});

test("the page shown before the rebuild is the page the rebuild writes", { timeout: 60_000 }, async () => {
  // Settled: the last rebuild printed its summary and nothing since.
  let settled = -1;
  await until("the preview did not settle", () => (log.length === settled ? true : ((settled = log.length), false)), 30_000);
  // An article that is no copy: a copy shows how much of its text matches, which the rebuild works out anew.
  const published = [...log.matchAll(/^\[newsroom\] (\S+\.md): published → (\S+)$/gm)].map((m) => ({ rel: path.relative(seeds, m[1]!), url: m[2]! }));
  let target: { rel: string; url: string } | undefined;
  for (const p of published) if (!(await page(p.url)).includes("derived-notice")) (target ??= p);
  assert.ok(target, "no article to edit");
  const from = log.length;
  appendFileSync(path.join(seeds, target.rel), "\nA paragraph added to be shown at once.\n");
  await until("no early page", () => log.slice(from).includes(`${target.rel}: previewed → ${target.url}`), 20_000);
  const early = await page(target.url);
  assert.ok(!rebuilt(from), "the rebuild ended before the early page was read: nothing to compare");
  assert.match(early, /A paragraph added to be shown at once\./);
  await until("no rebuild", () => rebuilt(from), 30_000);
  assert.equal(await page(target.url), early);
});
