/**
 * `npm start` on a large seeds folder: once it says it is serving, an edit
 * is seen. (With Eleventy's watcher, which watches every file, thousands of
 * watches were still being added after that line, and an edit in that
 * window was lost: the benchmark found it at 10,000 seeds.)
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { appendFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { writeArticles } from "../../scripts/bench/corpus.ts";
import { freePort } from "../../scripts/bench/preview.ts";
import { ROOT, tempDir } from "../helpers/cli.ts";

test("an edit made as soon as the preview says it is serving is picked up", { timeout: 120_000 }, async () => {
  const seeds = tempDir("serve-ready");
  writeArticles(seeds, 0, 3000);
  const server = spawn(process.execPath, ["scripts/run.mjs", "serve", "--seeds", seeds, "--out", path.join(tempDir("serve-ready-out"), "site"), "--port", String(await freePort())], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: "1" },
  });
  let log = "";
  server.stdout.on("data", (c: Buffer) => (log += c.toString()));
  server.stderr.on("data", (c: Buffer) => (log += c.toString()));
  const until = async (what: string, ready: () => boolean, ms: number) => {
    for (const deadline = Date.now() + ms; !ready(); await new Promise((r) => setTimeout(r, 20))) {
      assert.ok(Date.now() < deadline && server.exitCode === null, `${what}; server output:\n${log}`);
    }
  };
  try {
    await until("the server did not start", () => log.includes("Preview (drafts included) at"), 100_000);
    // One seed from every folder: watches were added folder after folder.
    const all = (readdirSync(seeds, { recursive: true }) as string[]).filter((f) => /\.(md|txt)$/.test(f)).sort();
    const edited = [...new Map(all.map((f) => [path.dirname(f), f])).values()];
    assert.ok(edited.length > 20, `${edited.length} folders`);
    const before = log.length;
    for (const rel of edited) appendFileSync(path.join(seeds, rel), "\nOne more sentence, written at once.\n");
    const unseen = () => edited.filter((rel) => !log.slice(before).includes(`${rel}: `));
    await until("edits were not seen", () => unseen().length === 0, 20_000).catch((e: Error) => {
      throw new Error(`${e.message.split(";")[0]}: ${unseen().join(", ")}`);
    });
  } finally {
    server.kill("SIGINT");
    await new Promise((resolve) => (server.exitCode === null ? server.once("exit", resolve) : resolve(null)));
  }
});
