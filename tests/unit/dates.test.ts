/**
 * src/enrich/dates.ts reads the common date shapes itself; every result must
 * be luxon's, and a wall time a DST change repeats must not depend on the day
 * the build runs (luxon's does: it starts from the zone's offset now).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { DateTime, Settings } from "luxon";
import { resolveDate } from "../../src/enrich/dates.ts";

const ZONES = ["UTC", "GMT", "Etc/UTC", "Europe/London", "America/New_York", "America/Sao_Paulo", "Australia/Lord_Howe", "Asia/Kolkata", "Pacific/Chatham", "Pacific/Kiritimati"];
const WINTER = Date.UTC(2025, 0, 15);
const SUMMER = Date.UTC(2025, 6, 15);

/** What luxon alone gives, with the build running at `now`. */
function luxonAt(now: number, written: string, zone: string) {
  const saved = Settings.now;
  Settings.now = () => now;
  try {
    const s = written.replace(" ", "T");
    const dt = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(s) ? DateTime.fromISO(s, { setZone: true }).setZone(zone) : DateTime.fromISO(s, { zone });
    return { iso: dt.toFormat("yyyy-MM-dd'T'HH:mm:ssZZ"), day: dt.toISODate(), millis: dt.toMillis() };
  } finally {
    Settings.now = saved;
  }
}

const p2 = (n: number) => String(n).padStart(2, "0");
/** Wall times every quarter hour over four years (DST changes included), in each shape the parser takes itself. */
const written = fc
  .tuple(fc.integer({ min: 0, max: 4 * 366 * 24 * 4 }), fc.constantFrom("day", "minute", "second", "Z", "offset"), fc.integer({ min: -12, max: 14 }))
  .map(([q, shape, off]) => {
    const iso = new Date(Date.UTC(2023, 0, 1) + q * 15 * 60_000).toISOString().slice(0, 19);
    if (shape === "day") return iso.slice(0, 10);
    if (shape === "minute") return iso.slice(0, 16).replace("T", " ");
    if (shape === "second") return iso;
    return shape === "Z" ? `${iso}Z` : `${iso}${off < 0 ? "-" : "+"}${p2(Math.abs(off))}:${off === 5 ? "30" : "00"}`;
  });

test("dates are luxon's; a repeated wall time is the earlier instant, whenever the build runs", () => {
  fc.assert(
    fc.property(written, fc.constantFrom(...ZONES), (w, zone) => {
      const ours = resolveDate(w, zone);
      const [a, b] = [luxonAt(WINTER, w, zone), luxonAt(SUMMER, w, zone)];
      const expected = a.millis <= b.millis ? a : b;
      assert.deepEqual({ iso: ours.iso, day: ours.day, millis: ours.millis }, expected, `${w} in ${zone}`);
      assert.equal(ours.dateOnly, /^\d{4}-\d\d-\d\d$/.test(w));
    }),
    { numRuns: 4000 },
  );
});

test("DST changes: a repeated hour is read as its first time, a skipped one moved forward by the gap", () => {
  // London: clocks go back at 02:00 BST on 26 October 2025 and forward at 01:00 GMT on 30 March 2025.
  assert.equal(resolveDate("2025-10-26T01:30:00", "Europe/London").iso, "2025-10-26T01:30:00+01:00");
  assert.equal(resolveDate("2025-03-30T01:30:00", "Europe/London").iso, "2025-03-30T02:30:00+01:00");
  assert.equal(resolveDate("2025-03-30", "America/Sao_Paulo").iso, "2025-03-30T00:00:00-03:00");
});

test("shapes the fast path leaves to luxon still work, and invalid dates still fail", () => {
  assert.equal(resolveDate("2025-W36-2", "Europe/London").iso, "2025-09-02T00:00:00+01:00");
  assert.equal(resolveDate("2025-09-02T05:59:33.250", "Europe/London").millis, Date.UTC(2025, 8, 2, 4, 59, 33, 250));
  assert.equal(resolveDate("20250902T0559", "UTC").iso, "2025-09-02T05:59:00+00:00");
  assert.equal(resolveDate("0044-03-15", "UTC").iso, "0044-03-15T00:00:00+00:00");
  assert.throws(() => resolveDate("2025-02-30", "UTC"), /"2025-02-30" is not a valid date/);
  assert.throws(() => resolveDate("2025-09-02Z", "UTC"), /"2025-09-02Z" is not a valid date/);
  assert.throws(() => resolveDate("2025-13-01T10:00", "UTC"), /"2025-13-01T10:00" is not a valid date/);
});
