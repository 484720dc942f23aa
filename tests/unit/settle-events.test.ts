/**
 * `npm start` handles a seed's events once they stop (src/publish/settle-events.ts), so a new
 * file whose write gave no event of its own is read after the write, not while still empty.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { settleEvents } from "../../src/publish/settle-events.ts";

test("a file's events are handled once, when they have stopped for the quiet time; each file on its own", (t) => {
  t.mock.timers.enable({ apis: ["setTimeout"] });
  const handled: string[] = [];
  const events = settleEvents(40, (f) => handled.push(f));
  events.changed("a.md"); // created
  t.mock.timers.tick(30);
  events.changed("a.md"); // written
  events.changed("b.md");
  t.mock.timers.tick(39);
  assert.deepEqual(handled, [], "39 ms after the last event of each");
  t.mock.timers.tick(1);
  assert.deepEqual(handled, ["a.md", "b.md"]);
  t.mock.timers.tick(1000);
  assert.deepEqual(handled, ["a.md", "b.md"], "once each");
  events.changed("a.md");
  t.mock.timers.tick(40);
  assert.deepEqual(handled, ["a.md", "b.md", "a.md"], "a later save is handled again");
});

test("closing drops the events not handled yet", (t) => {
  t.mock.timers.enable({ apis: ["setTimeout"] });
  const handled: string[] = [];
  const events = settleEvents(40, (f) => handled.push(f));
  events.changed("a.md");
  events.close();
  t.mock.timers.tick(100);
  assert.deepEqual(handled, []);
});

test("a file still empty when its events have stopped is looked at again, a few times, then handled as it is", (t) => {
  t.mock.timers.enable({ apis: ["setTimeout"] });
  const handled: string[] = [];
  const empty = new Set(["a.md", "b.md"]);
  const events = settleEvents(40, (f) => handled.push(f), { unwritten: (f) => empty.has(f), looks: 3 });
  events.changed("a.md"); // created, and written later with no event of its own
  events.changed("b.md"); // created, and never written
  t.mock.timers.tick(40);
  assert.deepEqual(handled, [], "both empty at the first look");
  empty.delete("a.md");
  t.mock.timers.tick(40);
  assert.deepEqual(handled, ["a.md"], "written by the second look");
  t.mock.timers.tick(39);
  assert.deepEqual(handled, ["a.md"]);
  t.mock.timers.tick(1);
  assert.deepEqual(handled, ["a.md", "b.md"], "still empty at the third and last look: handled");
  t.mock.timers.tick(1000);
  assert.deepEqual(handled, ["a.md", "b.md"], "once each");
});
