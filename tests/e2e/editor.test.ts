/**
 * The editors' workflow from the command line: `npm run new` writes a seed
 * ready to fill (never overwriting); drafts and scheduled articles are held
 * back from the build and reported, `--drafts` includes them with their
 * label; `npm run check` prints a table for people, `--json` for tools.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import type { ReportEntry } from "../../src/report/entry.ts";
import { runScript, tempDir, tempSeeds } from "../helpers/cli.ts";

const NOW = "2025-09-10T12:00:00Z";
const seeds = tempSeeds();
writeFileSync(path.join(seeds, "draft.md"), "---\ntitle: Still a draft\ndate: 2025-09-04\ndraft: true\n---\n\nNot ready.\n");
writeFileSync(path.join(seeds, "later.md"), "---\ntitle: Embargoed until Friday\ndate: 2025-09-12T09:00:00\n---\n\nNot yet.\n");
writeFileSync(path.join(seeds, "bad.md"), "---\ntitle: Broken\ndate: 2025-13-45\n---\nText.\n");
const outParent = tempDir("editor");
const published = path.join(outParent, "site");
const preview = path.join(outParent, "preview");
const build = runScript("build", ["--seeds", seeds, "--out", published, "--now", NOW]);
const withDrafts = runScript("build", ["--seeds", seeds, "--out", preview, "--now", NOW, "--drafts"]);

function textFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((f) => path.join(dir, f))
    .filter((f) => /\.(html|xml|json|txt)$/.test(f) && statSync(f).isFile());
}

test("drafts and scheduled articles are left out of the build, everywhere, and counted as held", () => {
  assert.equal(build.code, 0, build.stderr);
  assert.match(build.stdout, /^5 published, 2 held \(draft\/scheduled\), \d+ warnings, 1 files with errors/m);
  assert.equal(existsSync(path.join(published, "2025/09/04/still-a-draft")), false);
  assert.equal(existsSync(path.join(published, "2025/09/12")), false);
  for (const f of textFiles(published)) {
    const text = readFileSync(f, "utf8");
    assert.doesNotMatch(text, /Still a draft|Embargoed until Friday/, path.relative(published, f));
  }
});

test("--drafts includes them, with a visible label", () => {
  assert.equal(withDrafts.code, 0, withDrafts.stderr);
  const draft = readFileSync(path.join(preview, "2025/09/04/still-a-draft/index.html"), "utf8");
  assert.match(draft, /<p class="flag flag--draft"[^>]*>draft<\/p>/);
  const later = readFileSync(path.join(preview, "2025/09/12/embargoed-until-friday/index.html"), "utf8");
  assert.match(later, /<p class="flag flag--scheduled"[^>]*>scheduled<\/p>/);
});

test("check --json reports them as draft and scheduled (the contract is unchanged)", () => {
  const r = runScript("check", ["--seeds", seeds, "--now", NOW, "--json"]);
  assert.equal(r.code, 0, r.stderr);
  const { files } = JSON.parse(r.stdout) as { files: ReportEntry[] };
  assert.deepEqual(Object.keys(files[0]!).slice(0, 7), ["file", "status", "url", "title", "date", "sources", "messages"]);
  const status = Object.fromEntries(files.map((f) => [f.file, f.status]));
  assert.equal(status["draft.md"], "draft");
  assert.equal(status["later.md"], "scheduled");
  assert.equal(status["bad.md"], "error");
  assert.equal(files.find((f) => f.file === "later.md")?.date, "2025-09-12T09:00:00+00:00");
  const strict = runScript("check", ["--seeds", seeds, "--now", NOW, "--json", "--strict"]);
  assert.equal(strict.code, 1);
  assert.deepEqual(JSON.parse(strict.stdout), JSON.parse(r.stdout));
});

test("check prints a table for people: file, status, what was guessed, what to fix", () => {
  const r = runScript("check", ["--seeds", seeds, "--now", NOW]);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.split("\n");
  assert.match(lines[0]!, /^File\s+Status\s+Guessed\s+To fix$/);
  assert.match(lines[1]!, /^─+  ─+  ─+  ─+$/);
  const row = (file: string) => lines.findIndex((l) => l.includes(`/${file} `));
  assert.match(lines[row("bad.md")]!, /\/bad\.md\s+error\s+error: line 3: date "2025-13-45" is not a valid date$/);
  assert.match(lines[row("draft.md")]!, /\/draft\.md\s+draft\s+not published: a draft \(set `draft: false` to publish\)$/);
  assert.match(lines[row("later.md")]!, /\/later\.md\s+scheduled\s+not published before 2025-09-12T09:00:00\+00:00$/);
  // A guessed headline and date: listed in the third column, the warnings in the fourth.
  const guessed = row("001_405e124c4d916592.txt");
  assert.match(lines[guessed]!, /published\s+title: guessed\s+line 2: no headline found; derived/);
  // Undated, but in a story with a dated member: the story's day beats the file time.
  assert.match(lines[guessed + 1]!, /^\s+date: from its story\s+no date written; used its story's date \(2025-09-02, from 000_5b70cdc346d49482\.txt\)/);
  // Stories and copies are listed for editors.
  assert.match(r.stdout, /\nStories covered by more than one file \(1\):\n  [0-9a-f]{10}  5 files  \/stories\/[0-9a-f]{10}\/\n/);
  assert.match(r.stdout, /\n    001_405e124c4d916592\.txt  closely follows 000_5b70cdc346d49482\.txt \(\d+% match; canonical link points there\)\n/);
  assert.match(r.stdout, /\n5 published, 2 held \(draft\/scheduled\), \d+ warnings, 1 files with errors, [\d.]+ s\n$/);
  assert.doesNotMatch(r.stdout + r.stderr, /\r|\x1b/, "no progress or colour when not on a terminal");
});

test("npm run new writes a dated draft ready to fill, prints its path, and never overwrites", () => {
  const dir = tempDir("new");
  const r = runScript("new", ["--seeds", dir, "--now", "2025-09-10T23:30:00Z", "Storm closes the coast road"]);
  assert.equal(r.code, 0, r.stderr);
  const file = path.join(dir, "2025-09-10-storm-closes-the-coast-road.md");
  assert.equal(r.stdout.trim(), file);
  const text = readFileSync(file, "utf8");
  assert.match(text, /^---\ntitle: "Storm closes the coast road"\ndate: 2025-09-10T23:30\n/);
  assert.match(text, /\ndraft: true\n---\n/);
  // It is a valid seed as it stands: a draft, with no errors.
  const check = runScript("check", ["--seeds", dir, "--now", NOW, "--json"]);
  const [entry] = (JSON.parse(check.stdout) as { files: ReportEntry[] }).files;
  assert.equal(entry?.status, "draft");
  assert.deepEqual(entry?.messages.filter((m) => m.level !== "info"), []);

  writeFileSync(file, `${text}Edited by hand.\n`);
  const again = runScript("new", ["--seeds", dir, "--now", "2025-09-10T23:45:00Z", "Storm closes the coast road"]);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /already exists; it was left as it is/);
  assert.match(readFileSync(file, "utf8"), /Edited by hand\.\n$/);

  const other = runScript("new", ["--seeds", dir, "--now", "2025-09-10T08:00:00Z", "北京新闻 “quoted” <b>"]);
  assert.equal(other.code, 0, other.stderr);
  assert.equal(other.stdout.trim(), path.join(dir, "2025-09-10-quoted-b.md"), "what slugify cannot spell is left out");
  assert.match(readFileSync(other.stdout.trim(), "utf8"), /^---\ntitle: "北京新闻 “quoted” <b>"\n/);

  const none = runScript("new", ["--seeds", dir]);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /give the headline/);
});
