/**
 * `npm start` letting the last build's site data go while it rebuilds, as it
 * does when the heap holds a fifth of its limit (src/publish/preview-memory.ts;
 * at 100,000 seeds): forced here on the starter seeds with
 * NEWSROOM_PREVIEW_KEEP_SHARE=0. The terminal is told once; every change is
 * still published, and a seed saved between rebuilds is still shown at once,
 * since each build leaves its data for the next save.
 */
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { tempDir, tempSeeds } from "../helpers/cli.ts";
import { quiet, startPreview, until, type Preview } from "../helpers/preview.ts";

const NOTE = /\[newsroom\] the heap holds \d+ MB of its \d+ MB limit: while this site rebuilds, the last build's data is let go, and a seed saved meanwhile is shown when the rebuild ends/g;
const seeds = tempSeeds();
let preview: Preview;

before(async () => {
  preview = await startPreview(["--seeds", seeds, "--out", path.join(tempDir("serve-memory"), "site")], { env: { NEWSROOM_PREVIEW_KEEP_SHARE: "0" } });
});

after(() => preview.stop());

/**
 * Saves `live.md` with `text` as its body once no rebuild runs (one that let the last build's data go
 * has none to show a save from); resolves with the output printed from the save to the end of its rebuild.
 */
async function save(text: string): Promise<string> {
  await quiet(preview.output, () => preview.server.exitCode === null);
  const from = preview.output().length;
  writeFileSync(path.join(seeds, "live.md"), `---\ntitle: Memory kept small\ndate: 2025-09-06\n---\n\n${text}\n`);
  await until(preview, "the rebuild's summary", () => /live\.md: published → .*\n(?:.*\n)*?.*\d+ files with errors/.test(preview.output().slice(from)));
  const page = await (await fetch(new URL("2025/09/06/memory-kept-small/", preview.base))).text();
  assert.ok(page.includes(text), `the page does not show "${text}":\n${preview.output().slice(from)}`);
  return preview.output().slice(from);
}

test("rebuilds that let the last build's data go say so once, publish every change, and a save between them is shown at once", async () => {
  assert.doesNotMatch(preview.output(), NOTE, "the first build has no last build to let go");
  const first = await save("First version.");
  assert.equal(first.match(NOTE)?.length, 1, `the note, once:\n${first}`);
  // Its rebuild over, the preview holds this build's data again: the next save is shown before its rebuild.
  const second = await save("Second version.");
  assert.match(second, /live\.md: previewed → \/2025\/09\/06\/memory-kept-small\//);
  assert.equal(preview.output().match(NOTE)?.length, 1, "the note is not repeated");
});
