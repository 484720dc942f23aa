/**
 * What `npm start` prints about the seeds that changed between two builds
 * (src/publish/preview-plugin.ts `changeLines`): each changed seed's outcome,
 * and "removed" only for a file the build before listed.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { changeLines } from "../../src/publish/preview-plugin.ts";
import type { ReportEntry } from "../../src/report/entry.ts";

const entry = (file: string, url: string): ReportEntry => ({ file, status: "published", url, title: "T", date: "2025-09-02T00:00:00+00:00", sources: {}, messages: [] });
const report = [entry("a.md", "/2025/09/02/a/"), entry("kept/y.md", "/2025/09/02/y/")];
const listed = new Set(["a.md", "gone.md", "old/x.md", "kept/x.md", "kept/y.md"]);

test("a changed seed gets its outcome; a listed seed or folder now gone, 'removed'", () => {
  const changed = new Set(["a.md", "gone.md", "old", "old/x.md", "kept", "kept/x.md"]);
  assert.deepEqual(changeLines("seeds", changed, report, listed), [
    "seeds/a.md: published → /2025/09/02/a/",
    "seeds/gone.md: removed",
    "seeds/kept/x.md: removed",
    "seeds/old: removed",
    "seeds/old/x.md: removed",
  ]);
});

test("a file made and gone between two builds (sed -i's own file) is not reported", () => {
  assert.deepEqual(changeLines("seeds", new Set(["sedq7Xk2p", "a.md", "new-folder/tmp"]), report, listed), ["seeds/a.md: published → /2025/09/02/a/"]);
});
