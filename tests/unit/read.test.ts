/** Stage 1, read, on folders built on the fly: symlinks, hidden files, odd names, special files. */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { IngestCache, ingest } from "../../src/ingest.ts";
import { BEFORE_SHALLOW_HISTORY, gitFirstCommitDates } from "../../src/read/git-dates.ts";
import { readSeedFile } from "../../src/read/read.ts";
import { isArticleFile, listSeeds } from "../../src/read/walk.ts";
import { tempDir } from "../helpers/cli.ts";

const article = (title: string) => `---\ntitle: ${title}\ndate: 2025-09-01\n---\nText of ${title}.\n`;

test("symlinks are never followed: outside and broken ones are errors, inside ones are skipped", async () => {
  const root = tempDir("walk");
  const seeds = path.join(root, "seeds");
  mkdirSync(path.join(seeds, "sub"), { recursive: true });
  writeFileSync(path.join(root, "outside.md"), article("Outside"));
  writeFileSync(path.join(seeds, "sub", "real.md"), article("Real"));
  symlinkSync(path.join(root, "outside.md"), path.join(seeds, "out.md"));
  symlinkSync("sub/real.md", path.join(seeds, "in.md"));
  symlinkSync("sub", path.join(seeds, "alias"));
  symlinkSync("missing.md", path.join(seeds, "broken.md"));
  symlinkSync(".", path.join(seeds, "sub", "loop"));
  const list = await listSeeds(seeds);
  const by = Object.fromEntries(list.map((s) => [s.rel, s.skip ? `${s.skip.level}: ${s.skip.reason}` : "read"]));
  assert.deepEqual(by, {
    alias: "info: symlink to sub; not followed (that file is read under its own name)",
    "broken.md": 'error: broken symlink (to "missing.md"); not followed',
    "in.md": "info: symlink to sub/real.md; not followed (that file is read under its own name)",
    "out.md": "error: symlink points outside the seeds folder; not followed",
    "sub/loop": "info: symlink to sub; not followed (that file is read under its own name)",
    "sub/real.md": "read",
  });
});

test("hidden files and folders, node_modules, special files and bad names are reported, not read", async () => {
  const seeds = tempDir("walk");
  mkdirSync(path.join(seeds, ".git/objects"), { recursive: true });
  writeFileSync(path.join(seeds, ".git/objects/x.md"), "x");
  mkdirSync(path.join(seeds, "node_modules/p"), { recursive: true });
  writeFileSync(path.join(seeds, "node_modules/p/readme.md"), "x");
  writeFileSync(path.join(seeds, ".draft.md"), "x");
  writeFileSync(path.join(seeds, "photo.jpg"), "x");
  writeFileSync(Buffer.from(`${seeds}/bad-\xff.md`, "latin1"), "x");
  // U+FFFD written as UTF-8 is a valid name, read as any other (names as text show both alike).
  writeFileSync(path.join(seeds, "fine-\uFFFD.md"), "x");
  spawnSync("mkfifo", [path.join(seeds, "pipe.md")]);
  const list = await listSeeds(seeds);
  assert.deepEqual(
    list.map((s) => [s.rel, s.skip?.level, s.skip?.reason.split(";")[0]]),
    [
      [".draft.md", "info", "hidden file"],
      [".git/", "info", "hidden folder"],
      ["bad-\uFFFD.md", "error", "the file name is not valid UTF-8"],
      ["fine-\uFFFD.md", undefined, undefined],
      ["node_modules/", "info", "hidden folder"],
      ["photo.jpg", "info", "not an article file"],
      ["pipe.md", "info", "not a regular file"],
    ],
  );
});

test("an article file is named .md, .markdown or .txt in any case, after at least one character of its name", () => {
  const articles = ["a.md", "A.MD", "x.Markdown", "notes.txt", "..md", "dir/a.Md", "d.md/..txt", "é.md", "a\\.md"];
  const others = [".md", "dir/.txt", "a.mdx", "a.md.bak", "a.", "amd", "dir.md/x", "x.markdownx", "photo.jpg"];
  assert.deepEqual(articles.filter((name) => !isArticleFile(name)), []);
  assert.deepEqual(others.filter(isArticleFile), []);
});

test("seeds are listed in the order of their paths, a folder where its name and '/' sort", async () => {
  const seeds = tempDir("walk");
  for (const rel of ["2019/12/30-rates.md", "2019-08-31-flood.md", "2019.md", "2019/a.md", "20190.md", "2019 b/x.md", "a/.hidden/y.md"]) {
    mkdirSync(path.dirname(path.join(seeds, rel)), { recursive: true });
    writeFileSync(path.join(seeds, rel), article(rel));
  }
  const rels = (await listSeeds(seeds)).map((s) => s.rel);
  assert.deepEqual(rels, ["2019 b/x.md", "2019-08-31-flood.md", "2019.md", "2019/12/30-rates.md", "2019/a.md", "20190.md", "a/.hidden/"]);
  assert.deepEqual(rels, [...rels].sort(), "code-unit order, as the story step reads them");
});

test("a seed is read only if it is still a regular file: a FIFO or a symlink swapped in is refused, never waited on", () => {
  const dir = tempDir("read");
  spawnSync("mkfifo", [path.join(dir, "pipe.md")]);
  assert.throws(() => readSeedFile(path.join(dir, "pipe.md"), 1024), /not a regular file/);
  writeFileSync(path.join(dir, "real.md"), "x");
  symlinkSync(path.join(dir, "real.md"), path.join(dir, "link.md"));
  assert.throws(() => readSeedFile(path.join(dir, "link.md"), 1024), /ELOOP/);
  writeFileSync(path.join(dir, "big.md"), Buffer.alloc(2048));
  assert.throws(() => readSeedFile(path.join(dir, "big.md"), 1024), /larger than/);
});

test("the per-file cache re-reads only files that changed (or were forgotten), and forgets removed ones", async () => {
  const seeds = tempDir("cache");
  const fixed = new Date("2025-09-01T10:00:00Z");
  const write = (name: string, text: string, mtime = fixed) => {
    writeFileSync(path.join(seeds, name), text);
    utimesSync(path.join(seeds, name), mtime, mtime);
  };
  write("a.md", article("Alpha"));
  write("b.md", article("Bravo"));
  const cache = new IngestCache();
  const opts = { seedsDir: seeds, timeZone: "UTC", now: new Date("2026-01-01T00:00:00Z"), cache };
  const titles = async () => (await ingest(opts)).articles.map((a) => a.title).sort();
  assert.deepEqual(await titles(), ["Alpha", "Bravo"]);
  assert.equal(cache.size, 2);

  // Same size and modification time, other text: the cache still answers (proof it is used)...
  write("a.md", article("Alfa!"));
  assert.deepEqual(await titles(), ["Alpha", "Bravo"]);
  // ...until the watcher says the file changed.
  cache.forget(["a.md"]);
  assert.deepEqual(await titles(), ["Alfa!", "Bravo"]);
  // A changed modification time is noticed without help.
  write("b.md", article("Bravo"), new Date("2025-09-02T10:00:00Z"));
  write("b.md", article("Bravo two"), new Date("2025-09-02T10:00:00Z"));
  assert.deepEqual(await titles(), ["Alfa!", "Bravo two"]);
  // Site-wide stages change their copies, never the cache: a duplicate suffix does not stick.
  write("c.md", article("Alfa!"));
  const first = await ingest(opts);
  assert.equal(first.articles.filter((a) => /alfa-[0-9a-f]{6}\/$/.test(a.url)).length, 1);
  rmSync(path.join(seeds, "c.md"));
  const second = await ingest(opts);
  assert.deepEqual(second.articles.map((a) => a.url).sort(), ["/2025/09/01/alfa/", "/2025/09/01/bravo-two/"]);
  assert.equal(cache.size, 2, "a removed file leaves the cache");
});

/** A git checkout in a temp folder, committing as a fixed author at given dates. */
function checkout() {
  const root = tempDir("git-dates");
  const git = (args: string[], date?: string) => {
    const env = { ...process.env, ...(date && { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date }) };
    const r = spawnSync("git", ["-c", "user.name=Desk", "-c", "user.email=desk@example.org", ...args], { cwd: root, env, encoding: "utf8" });
    if (r.error || r.status !== 0) throw new Error(`git ${args.join(" ")}: ${r.error?.message ?? r.stderr}`);
  };
  git(["init", "-q", "-b", "main"]);
  const commit = (files: Record<string, string>, date: string, ...extra: string[]) => {
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
      writeFileSync(path.join(root, name), text);
    }
    git(["add", "."]);
    git(["commit", "-qm", `at ${date}`, ...extra], date);
  };
  return { root, git, commit, seeds: path.join(root, "site/seeds") };
}

test("git dates: each seed's first commit, named relative to the seeds folder inside a checkout", async () => {
  const { commit, seeds } = checkout();
  commit({ "site/seeds/a b/é x.md": article("Accented"), "outside.md": article("Outside") }, "2025-03-01T09:00:00+01:00");
  commit({ "site/seeds/a b/é x.md": article("Accented, edited"), "site/seeds/later.md": article("Later") }, "2025-04-02T10:30:00+02:00");
  const dates = await gitFirstCommitDates(seeds);
  assert.deepEqual(Object.fromEntries(dates), { "a b/é x.md": "2025-03-01T09:00:00+01:00", "later.md": "2025-04-02T10:30:00+02:00" });
  assert.equal((await gitFirstCommitDates(tempDir("no-git"))).size, 0, "outside a checkout: none");
});

test("git dates are kept with their commit: reused while HEAD stays, new commits read alone, the whole log after a rewrite or a merge", async () => {
  const { git, commit, seeds } = checkout();
  commit({ "site/seeds/first.md": article("First") }, "2025-03-01T09:00:00+01:00");
  let kept: unknown;
  const store = { read: () => kept, write: (v: unknown) => void (kept = v) };
  const withStore = async () => Object.fromEntries(await gitFirstCommitDates(seeds, store));
  const plain = async () => Object.fromEntries(await gitFirstCommitDates(seeds));
  // A stand-in that only the kept dates can hold: it shows whether they were used.
  const plant = () => (kept as { dates: Map<string, string> }).dates.set("planted.md", "1999-01-01T00:00:00+00:00");

  assert.deepEqual(await withStore(), await plain());
  plant();
  assert.equal((await withStore())["planted.md"], "1999-01-01T00:00:00+00:00", "same HEAD: kept dates used");

  commit({ "site/seeds/second.md": article("Second"), "site/seeds/first.md": article("First, again") }, "2025-03-02T09:00:00+01:00");
  assert.deepEqual(await withStore(), { ...(await plain()), "planted.md": "1999-01-01T00:00:00+00:00" }, "a new commit: only it is read");

  commit({ "site/seeds/third.md": article("Third") }, "2025-03-03T09:00:00+01:00", "--amend", "--reset-author");
  assert.deepEqual(await withStore(), await plain(), "amended (the kept commit is gone): the whole log");
  assert.equal((await plain())["third.md"], "2025-03-03T09:00:00+01:00");

  plant();
  git(["checkout", "-q", "-b", "desk"]);
  commit({ "site/seeds/branch.md": article("Branch") }, "2025-03-04T09:00:00+01:00");
  git(["checkout", "-q", "main"]);
  git(["merge", "-q", "--no-ff", "-m", "merge", "desk"], "2025-03-05T09:00:00+01:00");
  assert.deepEqual(await withStore(), await plain(), "a merge among the new commits: the whole log");
  assert.equal((await plain())["branch.md"], "2025-03-04T09:00:00+01:00");
});

test("a shallow clone: seeds its oldest commits hold have no first commit to go by, are dated by modification time and told why; deepened, they are dated", async () => {
  const { root, commit } = checkout();
  const undated = (words: string) => `${words} officials said on the record today.\n`;
  commit({ "site/seeds/old.txt": undated("Old story") }, "2024-01-10T10:00:00+00:00");
  commit({ "site/seeds/middle.txt": undated("Middle story") }, "2024-02-10T10:00:00+00:00");
  commit({ "site/seeds/new.txt": undated("New story"), "site/seeds/dated.md": article("Dated") }, "2024-03-10T10:00:00+00:00");
  // Two commits, as CI checkouts fetch (GitHub's actions/checkout: one): the middle one is the boundary.
  const clone = path.join(tempDir("shallow"), "clone");
  const git = (args: string[]) => assert.equal(spawnSync("git", args, { encoding: "utf8" }).status, 0, `git ${args.join(" ")}`);
  git(["clone", "-q", "--depth", "2", `file://${root}`, clone]);
  const seeds = path.join(clone, "site/seeds");
  let kept: unknown;
  const store = { read: () => kept, write: (v: unknown) => void (kept = v) };
  const march = "2024-03-10T10:00:00+00:00";
  assert.deepEqual(Object.fromEntries(await gitFirstCommitDates(seeds, store)), {
    "old.txt": BEFORE_SHALLOW_HISTORY,
    "middle.txt": BEFORE_SHALLOW_HISTORY,
    "new.txt": march,
    "dated.md": march,
  });

  for (const name of ["old.txt", "middle.txt"]) utimesSync(path.join(seeds, name), new Date("2026-11-20T08:00:00Z"), new Date("2026-11-20T08:00:00Z"));
  const { report, notes } = await ingest({ seedsDir: seeds, timeZone: "UTC", now: new Date("2026-11-22T12:00:00Z") });
  const entry = (file: string) => report.find((e) => e.file === file)!;
  assert.equal(entry("new.txt").sources.date, "git");
  assert.equal(entry("new.txt").date?.slice(0, 10), "2024-03-10");
  assert.equal(entry("old.txt").sources.date, "mtime");
  assert.equal(entry("old.txt").date?.slice(0, 10), "2026-11-20");
  const told = entry("old.txt").messages.find((m) => m.field === "date")?.message ?? "";
  assert.match(told, /first git commit is older than this shallow clone's history; used the file's modification time \(2026-11-20\)/);
  assert.match(told, /git fetch --unshallow.*fetch-depth: 0/);
  assert.deepEqual(notes, [
    "2 seeds without a written date were dated by modification time: the seeds folder is a shallow git clone, which lacks their first commits. " +
      "Build from a clone with the whole history (`git fetch --unshallow`; GitHub's actions/checkout: `fetch-depth: 0`), or write their dates.",
  ]);

  // Deepened, HEAD is the same commit: the kept dates are not used, and every seed has its first commit.
  git(["-C", clone, "fetch", "-q", "--unshallow"]);
  assert.deepEqual(Object.fromEntries(await gitFirstCommitDates(seeds, store)), {
    "old.txt": "2024-01-10T10:00:00+00:00",
    "middle.txt": "2024-02-10T10:00:00+00:00",
    "new.txt": march,
    "dated.md": march,
  });
  assert.deepEqual((await ingest({ seedsDir: seeds, timeZone: "UTC", now: new Date("2026-11-22T12:00:00Z") })).notes, []);
});
