/** Publishing safety, unit by unit: the output lock, the output-folder guard, leftover recovery, incremental publishing, the page manifest, progress. */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { cleanLeftovers, publishAtomically } from "../../src/publish/atomic.ts";
import { checkOutputDir } from "../../src/publish/guard.ts";
import { lockOutput, lockPathFor, OutputLockedError } from "../../src/publish/lock.ts";
import { MANIFEST_DIR, pruneManifests, readManifest, writeManifest } from "../../src/publish/manifest.ts";
import { createProgress } from "../../src/report/progress.ts";
import { tempDir } from "../helpers/cli.ts";

/** The pid of a process that has exited. */
const deadPid = () => spawnSync(process.execPath, ["-e", "0"]).pid!;
const writeLock = (out: string, info: object) => writeFileSync(lockPathFor(out), JSON.stringify(info));

test("a lock is exclusive: a second one is refused with who holds it; release frees it", async () => {
  const out = path.join(tempDir("lock"), "site");
  const lock = await lockOutput(out);
  assert.deepEqual(JSON.parse(readFileSync(lockPathFor(out), "utf8")).pid, process.pid);
  // Our own pid in the file, as another build of this process would see it: still refused (never stale).
  await assert.rejects(lockOutput(out), (e: unknown) => e instanceof OutputLockedError && /is being written by another build \(pid \d+/.test(e.message));
  await lock.release();
  assert.equal(existsSync(lockPathFor(out)), false);
  const again = await lockOutput(out);
  await again.release();
});

test("a lock held by a live process on this host is respected", async () => {
  const out = path.join(tempDir("lock"), "site");
  writeLock(out, { pid: process.ppid, host: os.hostname(), started: "2025-09-10T12:00:00Z", command: "build" });
  await assert.rejects(lockOutput(out), new RegExp(`pid ${process.ppid} on ${os.hostname()}, since 2025-09-10T12:00:00Z\\); wait for it to finish\\. If no build is running, delete .*\\.site\\.lock`));
});

test("a lock from another host is never guessed stale; an unreadable one is never taken", async () => {
  const out = path.join(tempDir("lock"), "site");
  writeLock(out, { pid: deadPid(), host: "another-host.example", started: "x", command: "build" });
  await assert.rejects(lockOutput(out), /another-host\.example/);
  writeFileSync(lockPathFor(out), "{ half-writ");
  await assert.rejects(lockOutput(out), /unreadable; if no build is running, delete it/);
});

test("a stale lock (its process is gone) is taken over and reported", async () => {
  const out = path.join(tempDir("lock"), "site");
  const pid = deadPid();
  writeLock(out, { pid, host: os.hostname(), started: "x", command: "build" });
  const lock = await lockOutput(out);
  assert.equal(lock.recovered?.pid, pid);
  assert.equal(JSON.parse(readFileSync(lockPathFor(out), "utf8")).pid, process.pid);
  await lock.release();
});

test("publishAtomically swaps a finished build in, keeps the old site when the build fails, and takes the lock", async () => {
  const out = path.join(tempDir("atomic"), "site");
  await publishAtomically(out, async (dir) => {
    writeFileSync(path.join(dir, "index.html"), "one");
  });
  assert.equal(readFileSync(path.join(out, "index.html"), "utf8"), "one");
  await assert.rejects(
    publishAtomically(out, async (dir) => {
      writeFileSync(path.join(dir, "index.html"), "half");
      throw new Error("render failed");
    }),
    /render failed/,
  );
  assert.equal(readFileSync(path.join(out, "index.html"), "utf8"), "one");
  writeLock(out, { pid: process.ppid, host: os.hostname(), started: "x", command: "build" });
  await assert.rejects(publishAtomically(out, async () => {}), OutputLockedError);
});

test("leftovers of killed builds are removed; a site caught between the two renames is put back", async () => {
  const parent = tempDir("leftovers");
  const out = path.join(parent, "site");
  mkdirSync(path.join(parent, ".site.building-123"));
  mkdirSync(path.join(parent, ".site.previous-456"));
  writeFileSync(path.join(parent, ".site.previous-456", "index.html"), "previous");
  const notes = await cleanLeftovers(out);
  assert.equal(readFileSync(path.join(out, "index.html"), "utf8"), "previous");
  assert.equal(existsSync(path.join(parent, ".site.building-123")), false);
  assert.deepEqual(notes, ["restored site from .site.previous-456, left by a build killed while swapping", "removed .site.building-123, left by a build that did not finish"]);
});

/** Resolves once `dir` holds exactly `names`, rejects after `ms` (a process of its own deletes there). */
async function settlesTo(dir: string, names: string[], ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  while (JSON.stringify(readdirSync(dir).sort()) !== JSON.stringify(names)) {
    if (Date.now() > until) assert.fail(`${dir} still holds ${readdirSync(dir).join(", ")}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test("removeOld: after: the site a swap replaced is out of the way at once and deleted by a process of its own", async () => {
  const parent = tempDir("remove-after");
  const out = path.join(parent, "site");
  const site = (text: string) => async (dir: string) => {
    for (let i = 0; i < 200; i++) {
      mkdirSync(path.join(dir, `page-${i}`), { recursive: true });
      writeFileSync(path.join(dir, `page-${i}`, "index.html"), text);
    }
  };
  await publishAtomically(out, site("one"), { removeOld: "after" });
  await publishAtomically(out, site("two"), { removeOld: "after" });
  assert.equal(readFileSync(path.join(out, "page-7", "index.html"), "utf8"), "two");
  // Returned before the deletion (a process that takes tens of milliseconds to start) could have ended.
  const beside = readdirSync(parent).filter((n) => n !== "site");
  assert.ok(beside.length === 1 && beside[0]!.startsWith(".site.trash-"), `the old site, renamed, is beside the new one: ${beside.join(", ")}`);
  await settlesTo(parent, ["site"]);
});

test("a replaced site left half deleted is never put back: deleted again, with no note", async () => {
  const parent = tempDir("trash-left");
  const out = path.join(parent, "site");
  mkdirSync(path.join(parent, ".site.trash-456-1"));
  writeFileSync(path.join(parent, ".site.trash-456-1", "index.html"), "old");
  assert.deepEqual(await cleanLeftovers(out), []);
  assert.equal(existsSync(out), false, "no site made from it");
  await settlesTo(parent, []);
});

test("the output folder may never hold the project, the seeds, the home folder or the root", () => {
  const project = tempDir("guard");
  const seeds = path.join(project, "seeds");
  mkdirSync(seeds);
  writeFileSync(path.join(project, "file.txt"), "x");
  const check = (out: string) => () => checkOutputDir(out, { seedsDir: seeds, projectDir: project });
  assert.throws(check("/"), /root of the file system/);
  assert.throws(check(project), /is the project folder/);
  assert.throws(check(path.dirname(project)), /holds the project folder/);
  assert.throws(check(seeds), /is the project folder|is the seeds folder/);
  assert.throws(check(path.join(seeds, "site")), /inside the seeds folder/);
  assert.throws(check(os.homedir()), /your home folder|the project folder|the current folder/);
  assert.throws(check(path.join(project, "file.txt")), /exists and is not a folder/);
  assert.doesNotThrow(check(path.join(project, "_site")));
});

test("progress: nothing at all when not a TTY; on a TTY a redrawn line, erased at the end", () => {
  const piped: string[] = [];
  const pipe = { isTTY: false, write: (s: string) => piped.push(s) };
  const quiet = createProgress(pipe, { delayMs: 0 });
  quiet.update("Reading seeds", 1, 2);
  quiet.stop();
  assert.equal(piped.length, 0);

  let t = 0;
  const written: string[] = [];
  const tty = { isTTY: true, columns: 60, write: (s: string) => written.push(s) };
  const p = createProgress(tty, { delayMs: 1000, now: () => t });
  p.update("Reading seeds", 10, 100);
  assert.equal(written.length, 0, "nothing during the first second");
  t = 1500;
  p.update("Reading seeds", 50, 100);
  t = 1550;
  p.update("Reading seeds", 51, 100); // under 100 ms later: not redrawn
  t = 2500;
  p.update("Writing the site");
  p.stop();
  assert.deepEqual(written, ["\r\x1b[KReading seeds 50/100 (50%) · 2 s", "\r\x1b[KWriting the site · 3 s", "\r\x1b[K"]);
});

test("a page manifest is trusted only for the folder it was written for, and never when damaged", () => {
  const out = path.join(tempDir("manifest"), "site");
  mkdirSync(out);
  const manifest = { pages: { "/": "abc", "/feed.xml": "def" }, search: { archive: "s1", recent: "s2" } };
  assert.equal(readManifest(out), undefined, "none yet");
  writeManifest(out, manifest);
  assert.deepEqual(readManifest(out), manifest);
  // The folder replaced (deleted and made again, or another build's folder swapped in): a full build.
  rmSync(out, { recursive: true });
  mkdirSync(out);
  assert.equal(readManifest(out), undefined);
  writeManifest(out, manifest);
  const [stored] = readdirSync(MANIFEST_DIR).map((f) => path.join(MANIFEST_DIR, f)).filter((f) => readFileSync(f, "utf8").includes(JSON.stringify(out)));
  // One written when the search index was one part: its pages are kept, every part is made again.
  writeFileSync(stored!, JSON.stringify({ ...JSON.parse(readFileSync(stored!, "utf8")), search: "s0" }));
  assert.deepEqual(readManifest(out), { ...manifest, search: {} });
  // Its article model (page-keys.ts) kept, or dropped when malformed: the pages are kept either way.
  const articles = { frame: "f", shared: "s", keys: ["r:k", "r:l"], shown: Int32Array.of(0, 3, 1), shownFrom: Int32Array.of(0, 2, 3) };
  writeManifest(out, { ...manifest, articles });
  assert.deepEqual(readManifest(out), { ...manifest, articles });
  const withModel = JSON.parse(readFileSync(stored!, "utf8"));
  writeFileSync(stored!, JSON.stringify({ ...withModel, articles: { ...withModel.articles, shownFrom: "AAAAAA==" } }));
  assert.deepEqual(readManifest(out), manifest);
  // Its static files kept, or dropped when one is not a path inside the folder (a build deletes those gone).
  writeManifest(out, { ...manifest, statics: ["assets/site.css", "assets/fonts/a.woff2"] });
  assert.deepEqual(readManifest(out), { ...manifest, statics: ["assets/site.css", "assets/fonts/a.woff2"] });
  const withStatics = JSON.parse(readFileSync(stored!, "utf8"));
  for (const bad of ["../outside.txt", "/etc/hosts", "assets//x", "assets/./x", "assets\\..\\x", 7]) {
    writeFileSync(stored!, JSON.stringify({ ...withStatics, statics: ["assets/site.css", bad] }));
    assert.deepEqual(readManifest(out), manifest, String(bad));
  }
  writeFileSync(stored!, readFileSync(stored!, "utf8").slice(0, 40));
  assert.equal(readManifest(out), undefined, "a truncated manifest is a miss");
});

test("once a day, manifests no build can trust again are deleted: their folder gone or replaced, or not written for a month", () => {
  const root = tempDir("prune");
  const dir = path.join(root, "pages");
  mkdirSync(dir);
  const day = 24 * 3600_000;
  // Manifests written as builds write them, copied into a folder of their own (the project's is shared with builds running meanwhile).
  const manifestOf = (name: string) => {
    const out = path.join(root, name);
    mkdirSync(out);
    writeManifest(out, { pages: { "/": name }, search: {} });
    const [stored] = readdirSync(MANIFEST_DIR).map((f) => path.join(MANIFEST_DIR, f)).filter((f) => f.endsWith(".json") && readFileSync(f, "utf8").includes(JSON.stringify(out)));
    copyFileSync(stored!, path.join(dir, `${name}.json`));
    rmSync(stored!);
    return out;
  };
  manifestOf("live");
  rmSync(manifestOf("gone"), { recursive: true });
  const replaced = manifestOf("replaced");
  rmSync(replaced, { recursive: true });
  mkdirSync(replaced);
  manifestOf("old");
  const monthAgo = new Date(Date.now() - 31 * day);
  utimesSync(path.join(dir, "old.json"), monthAgo, monthAgo);
  writeFileSync(path.join(dir, "damaged.json"), '{"pages":{}}');
  writeFileSync(path.join(dir, "live.json.123.tmp"), "{");
  writeFileSync(path.join(dir, "killed.json.456.tmp"), "{");
  utimesSync(path.join(dir, "killed.json.456.tmp"), new Date(Date.now() - 2 * day), new Date(Date.now() - 2 * day));
  pruneManifests({ dir });
  assert.deepEqual(readdirSync(dir).sort(), [".pruned", "live.json", "live.json.123.tmp"]);
  // Within a day of that sweep, none.
  rmSync(path.join(root, "live"), { recursive: true });
  pruneManifests({ dir, now: Date.now() + day / 2 });
  assert.ok(existsSync(path.join(dir, "live.json")));
  // A day later: the folder gone, and the leftover of a write by then a day old.
  pruneManifests({ dir, now: Date.now() + day + 60_000 });
  assert.deepEqual(readdirSync(dir), [".pruned"]);
});

test("an incremental publish moves the changed files in, replaces Pagefind's folder whole and deletes what is gone", async () => {
  const out = path.join(tempDir("merge"), "site");
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  };
  await publishAtomically(out, async (dir) => {
    write(path.join(dir, "index.html"), "home 1");
    write(path.join(dir, "2025/09/old/index.html"), "old");
    write(path.join(dir, "2025/09/kept/index.html"), "kept");
    write(path.join(dir, "pagefind/a.pf"), "index 1");
  });
  await publishAtomically(out, async (dir) => {
    write(path.join(dir, "index.html"), "home 2");
    write(path.join(dir, "2025/09/new/index.html"), "new");
    write(path.join(dir, "pagefind/b.pf"), "index 2");
    return { removed: ["2025/09/old/index.html"] };
  }, { merge: true });
  const files = readdirSync(out, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => path.relative(out, path.join(d.parentPath, d.name))).sort();
  assert.deepEqual(files, ["2025/09/kept/index.html", "2025/09/new/index.html", "index.html", "pagefind/b.pf"]);
  assert.equal(readFileSync(path.join(out, "index.html"), "utf8"), "home 2");
  assert.deepEqual(readdirSync(path.dirname(out)), ["site"], "no staging or previous folder left");
  // A build that writes nothing (no page changed, no static files) only removes.
  await publishAtomically(out, async () => ({ removed: ["2025/09/new/index.html"] }), { merge: true });
  assert.equal(existsSync(path.join(out, "2025/09/new")), false);
  assert.equal(readFileSync(path.join(out, "index.html"), "utf8"), "home 2");
  assert.deepEqual(readdirSync(path.dirname(out)), ["site"]);
});

test("the search index is published part by part: parts not written are kept, parts the build's index no longer has go, whether the site is merged or swapped whole", async () => {
  const out = path.join(tempDir("search-parts"), "site");
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  };
  const files = () => readdirSync(out, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => path.relative(out, path.join(d.parentPath, d.name))).sort();
  await publishAtomically(out, async (dir) => {
    write(path.join(dir, "index.html"), "home 1");
    for (const part of ["pagefind", "pagefind-2020-01-01", "pagefind-recent"]) write(path.join(dir, part, "entry"), `${part} 1`);
    write(path.join(dir, "pagefind-parts.json"), "[1]");
  });
  // Merged: the recent part made again; the 2020 part gone from the index (its articles moved to a new part).
  await publishAtomically(out, async (dir) => {
    for (const part of ["pagefind-2020-02-01", "pagefind-recent"]) write(path.join(dir, part, "entry"), `${part} 2`);
    write(path.join(dir, "pagefind-parts.json"), "[2]");
    return { removed: [], searchIndex: ["pagefind", "pagefind-2020-02-01", "pagefind-recent", "pagefind-parts.json"] };
  }, { merge: true });
  assert.deepEqual(files(), ["index.html", "pagefind-2020-02-01/entry", "pagefind-parts.json", "pagefind-recent/entry", "pagefind/entry"]);
  assert.deepEqual(["pagefind/entry", "pagefind-recent/entry", "pagefind-parts.json"].map((f) => readFileSync(path.join(out, f), "utf8")), ["pagefind 1", "pagefind-recent 2", "[2]"]);
  // Swapped whole without search: the live index, list included, is carried over as it is.
  await publishAtomically(out, async (dir) => {
    write(path.join(dir, "index.html"), "home 2");
    return { removed: [], whole: true };
  }, { merge: true });
  assert.deepEqual(files(), ["index.html", "pagefind-2020-02-01/entry", "pagefind-parts.json", "pagefind-recent/entry", "pagefind/entry"]);
  // Swapped whole with an index of fewer parts: the others are not carried over.
  await publishAtomically(out, async (dir) => {
    write(path.join(dir, "index.html"), "home 3");
    write(path.join(dir, "pagefind-parts.json"), "[3]");
    return { removed: [], whole: true, searchIndex: ["pagefind", "pagefind-recent", "pagefind-parts.json"] };
  }, { merge: true });
  assert.deepEqual(files(), ["index.html", "pagefind-parts.json", "pagefind-recent/entry", "pagefind/entry"]);
  assert.equal(readFileSync(path.join(out, "pagefind-parts.json"), "utf8"), "[3]");
});
