/**
 * The file writer (src/publish/file-writer.ts): what its thread writes is the
 * pages' UTF-8 bytes, whatever their size and however many batches are
 * waiting; a file it cannot write fails the writing with the page's name and
 * the cause, and never leaves this thread waiting. Into a folder a server
 * reads meanwhile (`npm start`), each file is renamed into place, so a
 * reader never gets half of one.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { FileWriter } from "../../src/publish/file-writer.ts";
import { ROOT, tempDir } from "../helpers/cli.ts";

/** A page of about `size` characters, beyond ASCII too (2-, 3- and 4-byte UTF-8 and a surrogate pair). */
const page = (i: number, size: number) => `<p>${i} Hé “quoted” — 日本語 🎉 </p>\n`.repeat(Math.ceil(size / 40)).slice(0, size);

test("every file is written as its text's UTF-8, over many batches and one larger than a batch", async () => {
  const dir = tempDir("file-writer");
  // 48 pages of 300,000 characters, about 14 MB in all: many more batches than may wait at once.
  const files: Array<[file: string, text: string]> = Array.from({ length: 48 }, (_, i) => [`${2020 + (i % 5)}/${String(i % 12).padStart(2, "0")}/p${i}/index.html`, page(i, 300_000)]);
  // One page bigger than a batch (1 MB) and one empty.
  files.push(["sitemap.xml", page(99, 1_500_000)], ["empty.txt", ""]);
  const writer = await FileWriter.start(dir);
  for (const [file, text] of files) writer.add(file, text, `/${file}`);
  await writer.close();
  for (const [file, text] of files) assert.ok(readFileSync(path.join(dir, file)).equals(Buffer.from(text, "utf8")), file);
});

test("into a folder a server reads, a file that was there is replaced by a new one renamed over it, not written into; otherwise written into", async () => {
  for (const served of [true, false]) {
    const dir = tempDir("file-writer-served");
    writeFileSync(path.join(dir, "index.html"), "old page");
    const before = statSync(path.join(dir, "index.html")).ino;
    const writer = await FileWriter.start(dir, served);
    writer.add("index.html", page(1, 5000), "/");
    writer.add("new/index.html", page(2, 5000), "/new/");
    await writer.close();
    assert.equal(readFileSync(path.join(dir, "index.html"), "utf8"), page(1, 5000));
    assert.equal(readFileSync(path.join(dir, "new", "index.html"), "utf8"), page(2, 5000));
    // A reader that had the old file open keeps reading it whole; one opening it now gets the new one whole.
    assert.equal(statSync(path.join(dir, "index.html")).ino !== before, served, `served: ${served}`);
    assert.deepEqual(readdirSync(dir, { recursive: true }).sort(), ["index.html", "new", "new/index.html"], "no file left beside them");
  }
});

test("a file that cannot be written fails the writing with its page's name and the cause, however much follows", async () => {
  const dir = tempDir("file-writer-fails");
  // A file where the page's folder would be: the folder cannot be made.
  writeFileSync(path.join(dir, "taken"), "");
  const writer = await FileWriter.start(dir);
  writer.add("fine/index.html", page(0, 1000), "/fine/");
  writer.add("taken/index.html", page(1, 1000), "/taken/ (from wire/taken.md)");
  // Enough after it to fill every batch that may wait: the thread goes on counting them.
  for (let i = 0; i < 40; i++) writer.add(`after/${i}/index.html`, page(i, 300_000), `/after/${i}/`);
  await assert.rejects(writer.close(), (error: Error) => {
    assert.equal(error.message, "could not write /taken/ (from wire/taken.md)");
    assert.match(String((error.cause as Error).message), /EEXIST|ENOTDIR/);
    return true;
  });
  assert.equal(readFileSync(path.join(dir, "fine", "index.html"), "utf8"), page(0, 1000));
});

test("a page whose template fails stops the writing, named, with the template's error, and leaves no thread running", () => {
  const run = spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, "tests/helpers/write-failing-site.ts"), tempDir("file-writer-template")], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 30_000,
  });
  assert.equal(run.signal, null, "the process did not end by itself: a thread was left running");
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout), { message: "could not write /p/700/ (from wire/700.md)", cause: "a template failed" });
});
