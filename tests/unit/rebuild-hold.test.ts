/**
 * After an early page in `npm start` (src/publish/rebuild-hold.ts): rebuilds
 * wait for a moment, so that the browser can fetch that page before a long
 * rebuild takes the thread; changes meanwhile wait with them, and nothing is lost.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { rebuildHold } from "../../src/publish/rebuild-hold.ts";

test("without an early page every change is rebuilt at once", () => {
  const rebuilt: string[] = [];
  const hold = rebuildHold((f) => rebuilt.push(f), 1000);
  hold.changed("a.md", false);
  hold.changed("b.md", false);
  assert.deepEqual(rebuilt, ["a.md", "b.md"]);
});

test("after an early page, rebuilds wait for the grace period; changes meanwhile wait too, each once", async () => {
  const rebuilt: string[] = [];
  // Wide margins: the assertions hold even when a busy machine delays each wake-up by half a second.
  const hold = rebuildHold((f) => rebuilt.push(f), 800);
  hold.changed("a.md", true);
  hold.changed("a.md", false); // the same save's second event
  hold.changed("b.md", false);
  await sleep(100);
  assert.deepEqual(rebuilt, [], "held");
  await sleep(1300);
  assert.deepEqual(rebuilt, ["a.md", "b.md"]);
  hold.changed("c.md", false);
  assert.deepEqual(rebuilt, ["a.md", "b.md", "c.md"], "after the grace period, at once again");
});

test("a second early page during the grace period extends it", async () => {
  const rebuilt: string[] = [];
  const hold = rebuildHold((f) => rebuilt.push(f), 1000);
  hold.changed("a.md", true);
  await sleep(600);
  hold.changed("b.md", true);
  await sleep(500);
  assert.deepEqual(rebuilt, [], "a second from the first page, but not from the second");
  await sleep(1500);
  assert.deepEqual(rebuilt, ["a.md", "b.md"]);
});
