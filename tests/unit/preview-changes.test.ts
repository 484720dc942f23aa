/**
 * What `npm start` prints about the seeds that changed between two builds
 * (src/publish/preview-plugin.ts `changeLines`): each changed seed's outcome,
 * and "removed" for each file the build before listed and this one does not.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { changeLines } from "../../src/publish/preview-plugin.ts";
import type { ReportEntry } from "../../src/report/entry.ts";

const entry = (file: string, url: string): ReportEntry => ({ file, status: "published", url, title: "T", date: "2025-09-02T00:00:00+00:00", sources: {}, messages: [] });
const report = [entry("a.md", "/2025/09/02/a/"), entry("kept/y.md", "/2025/09/02/y/")];
const listed = new Set(["a.md", "gone.md", "old/x.md", "kept/x.md", "kept/y.md"]);

test("a changed seed gets its outcome; each listed seed now gone, 'removed', also in a folder now gone", () => {
  const changed = new Set(["a.md", "gone.md", "old", "kept/x.md"]);
  assert.deepEqual(changeLines("seeds", changed, report, listed), [
    "seeds/a.md: published → /2025/09/02/a/",
    "seeds/gone.md: removed",
    "seeds/kept/x.md: removed",
    "seeds/old/x.md: removed",
  ]);
});

test("a renamed folder: each seed in it gets its outcome under its new name", () => {
  const moved = [entry("a.md", "/2025/09/02/a/"), entry("new/x.md", "/2025/09/02/x/"), entry("new/deep/y.md", "/2025/09/02/y/")];
  assert.deepEqual(changeLines("seeds", new Set(["old", "new"]), moved, new Set(["a.md", "old/x.md", "old/deep/y.md"])), [
    "seeds/new/deep/y.md: published → /2025/09/02/y/",
    "seeds/new/x.md: published → /2025/09/02/x/",
    "seeds/old/deep/y.md: removed",
    "seeds/old/x.md: removed",
  ]);
});

test("a seed a build found gone before its change came in is reported removed by that build, and once", () => {
  // The build for a.md's edit already misses gone.md; the build for gone.md's removal comes next.
  const first = changeLines("seeds", new Set(["a.md"]), report, new Set(["a.md", "gone.md", "kept/y.md"]));
  assert.deepEqual(first, ["seeds/a.md: published → /2025/09/02/a/", "seeds/gone.md: removed"]);
  assert.deepEqual(changeLines("seeds", new Set(["gone.md"]), report, new Set(["a.md", "kept/y.md"])), []);
});

test("a file made and gone between two builds (sed -i's own file) is not reported", () => {
  assert.deepEqual(changeLines("seeds", new Set(["sedq7Xk2p", "a.md", "new-folder/tmp"]), report, new Set(["a.md", "kept/y.md"])), ["seeds/a.md: published → /2025/09/02/a/"]);
});
