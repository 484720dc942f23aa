/** The report for people: the check table, wrapping, and escaping what seeds put in names and messages. */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { ReportEntry } from "../../src/report/entry.ts";
import { printable, problemLines } from "../../src/report/print.ts";
import { reportTable, wrap } from "../../src/report/table.ts";

const entry = (e: Partial<ReportEntry>): ReportEntry => ({ file: "a.md", status: "published", url: null, title: null, date: null, sources: {}, messages: [], ...e });
const report = [
  entry({
    file: "storm.md",
    url: "/2025/09/02/storm/",
    sources: { title: "inferred", date: "git", dek: "front-matter" },
    messages: [
      { level: "warning", field: "title", line: 3, message: 'no headline found; derived "Storm" from the first sentence. Add a "title:" line to the front matter' },
      { level: "info", field: "image", message: "image is a web address" },
    ],
  }),
  entry({ file: "bad.md", status: "error", messages: [{ level: "error", field: "date", line: 3, message: 'date "2025-13-45" is not a valid date' }] }),
  entry({ file: "photo.png", status: "skipped", messages: [{ level: "info", message: "not an article file" }] }),
  entry({ file: "later.md", status: "scheduled", date: "2031-01-01T09:00:00+00:00" }),
];

test("the table: one row per file, guessed fields and what to fix; info only explains skipped files", () => {
  assert.equal(
    reportTable(report, "seeds"),
    [
      "File             Status     Guessed         To fix",
      "───────────────  ─────────  ──────────────  ────────────────────────────────────────",
      'seeds/storm.md   published  title: guessed  line 3: no headline found; derived "Storm" from the first sentence. Add a "title:" line to the front matter',
      "                            date: from git",
      'seeds/bad.md     error                      error: line 3: date "2025-13-45" is not a valid date',
      "seeds/photo.png  skipped                    not an article file",
      "seeds/later.md   scheduled                  not published before 2031-01-01T09:00:00+00:00",
    ].join("\n"),
  );
});

test("on a terminal, the table wraps to its width and separates rows", () => {
  const lines = reportTable(report, "seeds", { columns: 70 }).split("\n");
  for (const line of lines) assert.ok(line.length <= 70, `${line.length}: ${line}`);
  assert.ok(lines.includes(""), "a blank line between rows");
  assert.match(lines[2]!, /^seeds\/storm\.md   published  title: guessed  line 3: no headline found;$/);
  assert.match(lines[3]!, /^ {28}date: from git  derived "Storm" from the/);
});

test("wrap breaks at spaces and hard-breaks words longer than the width", () => {
  assert.deepEqual(wrap("aaa bbb ccc", 7), ["aaa bbb", "ccc"]);
  assert.deepEqual(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
  assert.deepEqual(wrap("short", 10), ["short"]);
});

test("control characters and bidi overrides from file names never reach the terminal", () => {
  assert.equal(printable("a\x1b[31mb\n\u202ec"), "a\\u001b[31mb\\u000a\\u202ec");
  const lines = problemLines([entry({ file: "x\x1b]0;pwn\x07.md", messages: [{ level: "error", message: "bad \x1b[2J" }] })], "seeds", ["error"]);
  assert.deepEqual(lines, ["seeds/x\\u001b]0;pwn\\u0007.md: error: bad \\u001b[2J"]);
  assert.doesNotMatch(reportTable([entry({ file: "\u202egpj.md" })], "seeds"), /\u202e/);
});
