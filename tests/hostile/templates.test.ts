/**
 * Seeds are never Eleventy templates, wherever `--seeds` points. Eleventy's
 * input is the project folder, so a seeds folder inside the project holding a
 * `x.11ty.ts`, `x.11ty.js` or `.njk` file must still not be rendered (a
 * template runs code). Tried in a throwaway copy of the project, so no other
 * test's build can see the hostile templates.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { ROOT, tempDir } from "../helpers/cli.ts";

const MARKER = path.join(tempDir("templates-marker"), "pwned");

test("a seeds folder inside the project is never read as templates, and its text never runs", () => {
  const project = tempDir("project");
  for (const entry of readdirSync(ROOT)) {
    if (["node_modules", ".git", "seeds", "tests", "bench", "screenshots"].includes(entry) || entry.startsWith("_site") || entry === ".cache") continue;
    cpSync(path.join(ROOT, entry), path.join(project, entry), { recursive: true });
  }
  symlinkSync(path.join(ROOT, "node_modules"), path.join(project, "node_modules"));
  const inbox = path.join(project, "inbox");
  mkdirSync(inbox);
  const code = `require("fs").writeFileSync(${JSON.stringify(MARKER)}, "ran")`;
  writeFileSync(path.join(inbox, "evil.11ty.ts"), `import { writeFileSync } from "node:fs";\nwriteFileSync(${JSON.stringify(MARKER)}, "ran");\nexport const render = () => "evil";\n`);
  writeFileSync(path.join(inbox, "evil.11ty.js"), `${code};\nmodule.exports = () => "evil";\n`);
  writeFileSync(path.join(inbox, "page.njk"), `---js\n{ x: ${code} }\n---\n{{ x }}\n`);
  writeFileSync(path.join(inbox, "story.md"), "---\ntitle: An ordinary story\ndate: 2025-09-01\n---\nText.\n");

  const r = spawnSync(process.execPath, ["scripts/run.mjs", "build", "--seeds", "inbox", "--out", "_site", "--now", "2025-09-10T12:00:00Z"], {
    cwd: project,
    encoding: "utf8",
    timeout: 120_000,
  });
  try {
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^1 published, 3 skipped/m);
    assert.equal(existsSync(MARKER), false, "a template among the seeds ran");
    assert.ok(existsSync(path.join(project, "_site/2025/09/01/an-ordinary-story/index.html")));
    assert.equal(existsSync(path.join(project, "_site/inbox")), false, "a seed was rendered as a page");
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
});
