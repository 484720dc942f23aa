/**
 * Publishing safety, end to end, on one generated seeds folder (built once):
 * a lock stops a second build; a build killed half-way (SIGKILL) leaves the
 * previous site intact and its stale lock and staging folder are recovered by
 * the next build; the same seeds and `--now` give byte-identical output, even
 * from a copy of the seeds with other modification times; progress appears on
 * a terminal and nowhere else.
 */
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { ROOT, runScript, tempDir } from "../helpers/cli.ts";

const NOW = "2025-09-10T12:00:00Z";
const COUNT = 600;
const WORDS = "council budget road storm harbour school minister election river festival market hospital rail bridge museum".split(" ");

/** Deterministic seeds: a third with front matter, the rest bare text dated by their modification time. */
function makeSeeds(dir: string): void {
  mkdirSync(dir, { recursive: true });
  let x = 7;
  const word = () => WORDS[(x = (x * 1103515245 + 12345) % 2147483648) % WORDS.length]!;
  for (let i = 0; i < COUNT; i++) {
    const title = `${word()} ${word()} ${word()} ${word()} ${i}`.replace(/^./, (c) => c.toUpperCase());
    const body = Array.from({ length: 5 }, () => `${Array.from({ length: 50 }, word).join(" ")}.`.replace(/^./, (c) => c.toUpperCase())).join("\n\n");
    if (i % 3 === 0) writeFileSync(path.join(dir, `${String(i).padStart(5, "0")}.md`), `---\ntitle: ${title}\ndate: 2025-08-${String(1 + (i % 28)).padStart(2, "0")}T${String(i % 24).padStart(2, "0")}:00:00\ntags: [${word()}, ${word()}]\n---\n${body}\n`);
    else writeFileSync(path.join(dir, `${String(i).padStart(5, "0")}.txt`), `${title}\n\n${body}\n`);
  }
}

function tree(dir: string, rel = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const d of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = path.join(rel, d.name);
    if (d.isDirectory()) for (const [k, v] of tree(dir, r)) out.set(k, v);
    else out.set(r, createHash("sha1").update(readFileSync(path.join(dir, r))).digest("hex"));
  }
  return out;
}

const work = tempDir("publish");
const seeds = path.join(work, "seeds");
makeSeeds(seeds);
const outParent = path.join(work, "out");
const out = path.join(outParent, "site");
const lockFile = path.join(outParent, ".site.lock");
const first = runScript("build", ["--seeds", seeds, "--out", out, "--now", NOW], { timeout: 120_000 });

test("a first build publishes every seed", () => {
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, new RegExp(`^${COUNT} published`, "m"));
  assert.deepEqual(readdirSync(outParent), ["site"]);
});

test("lock, kill, recover: a second build is refused; a build killed half-way changes nothing; the next build recovers", async () => {
  const before = tree(out);
  writeFileSync(path.join(seeds, "zz-new.md"), "---\ntitle: Added after the first build\ndate: 2025-09-09\n---\nNew text.\n");

  // A build that will be killed once it is writing its staging folder.
  const child = spawn(process.execPath, ["scripts/run.mjs", "build", "--seeds", seeds, "--out", out, "--now", NOW], { cwd: ROOT, stdio: "ignore" });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const deadline = Date.now() + 60_000;
  const waitFor = async (what: string, ready: () => boolean) => {
    while (!ready()) {
      assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
      assert.equal(child.exitCode, null, `the build ended before ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  await waitFor("its lock", () => existsSync(lockFile) && readFileSync(lockFile, "utf8").includes(`"pid":${child.pid},`));

  // Meanwhile, a second build of the same output is refused at once, naming the holder.
  const second = spawn(process.execPath, ["scripts/run.mjs", "build", "--seeds", seeds, "--out", out, "--now", NOW], { cwd: ROOT });
  let secondErr = "";
  second.stderr.on("data", (chunk: Buffer) => (secondErr += chunk.toString()));
  const secondCode = await new Promise<number | null>((resolve) => second.once("exit", resolve));
  assert.equal(secondCode, 1, secondErr);
  assert.match(secondErr, new RegExp(`is being written by another build \\(pid ${child.pid} on .+\\); wait for it to finish`));

  const staging = path.join(outParent, `.site.building-${child.pid}`);
  await waitFor("its staging folder", () => existsSync(staging) && readdirSync(staging, { recursive: true }).length >= 100);
  child.kill("SIGKILL");
  await exited;
  assert.deepEqual(tree(out), before, "the published site changed");
  assert.equal(existsSync(staging), true, "a killed build leaves its staging folder");
  assert.equal(JSON.parse(readFileSync(lockFile, "utf8")).pid, child.pid, "and its lock");

  // The next build takes the stale lock over, clears the leftovers, and publishes (on a terminal: with progress).
  const cmd = [process.execPath, "scripts/run.mjs", "build", "--seeds", seeds, "--out", out, "--now", NOW].join(" ");
  // Shown from the start: this build may well take less than the usual second's delay.
  const env = { ...process.env, NEWSROOM_PROGRESS_DELAY_MS: "0" };
  const next = spawnSync("script", ["-qec", cmd, "/dev/null"], { cwd: ROOT, encoding: "utf8", timeout: 120_000, env });
  assert.equal(next.status, 0, next.stdout);
  assert.match(next.stdout, new RegExp(`took over the lock of a build that is no longer running \\(pid ${child.pid}\\)`));
  assert.match(next.stdout, new RegExp(`removed \\.site\\.building-${child.pid}`));
  assert.match(next.stdout, /\r\x1b\[K(Reading seeds \d+\/\d+ \(\d+%\)|Writing the site) · \d+ s/, "progress on a terminal");
  assert.match(next.stdout, new RegExp(`${COUNT + 1} published`));
  assert.deepEqual(readdirSync(outParent), ["site"], "no lock or staging folder left");
  assert.ok(existsSync(path.join(out, "2025/09/09/added-after-the-first-build/index.html")));
});

test("reproducible: same seeds and --now give byte-identical output, also from a copy with new modification times", () => {
  const again = path.join(tempDir("publish-again"), "site");
  const r = runScript("build", ["--seeds", seeds, "--out", again, "--now", NOW], { timeout: 120_000 });
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stderr, /\r|Reading seeds|Writing the site/, "no progress when not on a terminal");
  const reference = tree(out);
  assert.deepEqual(tree(again), reference);

  const copy = path.join(tempDir("publish-copy"), "seeds");
  cpSync(seeds, copy, { recursive: true, preserveTimestamps: false });
  const fromCopy = path.join(tempDir("publish-copy-out"), "site");
  const c = runScript("build", ["--seeds", copy, "--out", fromCopy, "--now", NOW], { timeout: 120_000 });
  assert.equal(c.code, 0, c.stderr);
  assert.deepEqual(tree(fromCopy), reference);
});
