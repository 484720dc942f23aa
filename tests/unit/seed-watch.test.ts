/**
 * The preview's seed watcher (src/publish/seed-watch.ts): every file created, written, moved in or
 * deleted under the seeds folder is reported, what the listing passes over is not, and on Linux
 * only folders hold an inotify watch (Node's recursive watch held one per file).
 */
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, readdirSync, readlinkSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { watchTree } from "../../src/publish/seed-watch.ts";
import { tempDir } from "../helpers/cli.ts";

/** The inotify watches this process holds (Linux: one `inotify wd:` line per watch in the fdinfo of its inotify descriptors). */
function inotifyWatches(): number {
  let watches = 0;
  for (const fd of readdirSync("/proc/self/fd")) {
    let target = "";
    try {
      target = readlinkSync(`/proc/self/fd/${fd}`);
    } catch {
      continue;
    }
    if (target === "anon_inode:inotify") watches += readFileSync(`/proc/self/fdinfo/${fd}`, "utf8").split("\n").filter((l) => l.startsWith("inotify wd:")).length;
  }
  return watches;
}

async function until(what: string, ok: () => boolean): Promise<void> {
  for (let waited = 0; !ok(); waited += 20) {
    if (waited > 5000) assert.fail(`not within 5 s: ${what}`);
    await sleep(20);
  }
}

test("each file created, written, moved in with its folder or deleted is reported; hidden files and node_modules are not", async () => {
  const root = tempDir("seed-watch");
  const outside = tempDir("seed-watch-outside");
  const write = (rel: string, text = "Text.\n") => {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  };
  write("2025/09/a.md");
  write("wire/b.md");
  write(".git/objects/ab/cdef");
  write("node_modules/pkg/readme.md");

  const seen: string[] = [];
  const errors: Error[] = [];
  const watcher = watchTree(root, (file) => seen.push(path.relative(root, file)), (cause) => errors.push(cause));
  const saw = (rel: string) => until(`${rel} reported`, () => seen.includes(rel));
  try {
    if (process.platform === "linux") assert.equal(inotifyWatches(), 4, "the root, 2025, 2025/09 and wire: no file, no hidden folder, no node_modules");

    write("2025/09/a.md", "Edited.\n");
    await saw("2025/09/a.md");
    write("2025/10/new.md");
    await saw("2025/10/new.md");
    write("2025/10/new.md", "Edited in the new folder.\n");
    seen.length = 0;
    write("2025/10/new.md", "Edited again.\n");
    await saw("2025/10/new.md");

    // A folder moved in gives one event, for itself: its files are reported when it is found.
    mkdirSync(path.join(outside, "batch/deep"), { recursive: true });
    writeFileSync(path.join(outside, "batch/deep/c.md"), "Moved in.\n");
    renameSync(path.join(outside, "batch"), path.join(root, "batch"));
    await saw(path.join("batch", "deep", "c.md"));
    write("batch/deep/c.md", "Edited after the move.\n");
    seen.length = 0;
    write("batch/deep/c.md", "Edited again after the move.\n");
    await saw(path.join("batch", "deep", "c.md"));

    rmSync(path.join(root, "wire/b.md"));
    await saw(path.join("wire", "b.md"));

    // Hidden files (an editor's swap file) and node_modules: written before a seed, never reported.
    write(".a.md.swp");
    write("2025/09/.a.md.swp");
    write("node_modules/pkg/other.md");
    write(".git/objects/ab/0123");
    write("wire/after.md");
    await saw(path.join("wire", "after.md"));
    assert.deepEqual(seen.filter((rel) => rel.includes(".swp") || rel.startsWith("node_modules") || rel.startsWith(".git")), []);

    // A folder deleted: its files are reported, and its watches go with it.
    seen.length = 0;
    rmSync(path.join(root, "batch"), { recursive: true });
    await saw(path.join("batch", "deep", "c.md"));
    if (process.platform === "linux") await until("the watches of batch/ and batch/deep/ closed", () => inotifyWatches() === 5);
    assert.deepEqual(errors, []);
  } finally {
    watcher.close();
  }
  if (process.platform === "linux") assert.equal(inotifyWatches(), 0);
});

test("a seeds folder that cannot be watched is reported, not passed over", () => {
  const missing = path.join(tempDir("seed-watch-missing"), "none");
  const errors: Error[] = [];
  let watcher;
  try {
    watcher = watchTree(missing, () => undefined, (cause) => errors.push(cause));
  } catch (cause) {
    errors.push(cause as Error);
  }
  watcher?.close();
  assert.equal(errors.length, 1);
  assert.match(String(errors[0]!.message), /none/);
});
