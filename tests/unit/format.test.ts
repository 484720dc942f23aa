/**
 * The date labels readers see (src/render/format.ts) take shortcuts around
 * luxon's zone conversions; each must print exactly what the plain luxon
 * formatting of the same date prints. The same for the layout's trimming of
 * line ends, against the regex it replaces.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { DateTime } from "luxon";
import { resolveDate } from "../../src/enrich/dates.ts";
import { dayHeading, displayDate, monthHeading, timeOfDay } from "../../src/render/format.ts";
import { tidy } from "../../_includes/layout.ts";

const LOCALES = ["en-GB", "en-US", "fr", "de"];
const ZONES = ["UTC", "Europe/London", "America/Sao_Paulo", "Australia/Lord_Howe", "Asia/Kolkata", "Pacific/Chatham"];

test("day and month headings are luxon's, from year 1 on (years 0–99 too)", () => {
  const day = fc.tuple(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }));
  fc.assert(
    fc.property(day, fc.constantFrom(...LOCALES), ([y, m, d], locale) => {
      const iso = `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
      assert.equal(dayHeading(iso, locale), DateTime.fromISO(iso, { zone: "utc" }).setLocale(locale).toFormat("cccc d LLLL yyyy"));
      assert.equal(monthHeading(iso.slice(0, 7), locale), DateTime.fromISO(iso, { zone: "utc" }).setLocale(locale).toFormat("LLLL yyyy"));
    }),
    { numRuns: 2000 },
  );
  assert.equal(dayHeading("2025-09-03"), "Wednesday 3 September 2025");
  assert.equal(dayHeading("0044-03-15"), "Tuesday 15 March 0044");
});

test("article dates and times are luxon's conversion into the site zone, across DST changes", () => {
  // Every hour over two years, in zones with DST, half-hour and 45-minute offsets.
  const start = Date.UTC(2024, 0, 1);
  const instant = fc.integer({ min: 0, max: 2 * 366 * 24 * 4 }).map((q) => new Date(start + q * 15 * 60_000).toISOString());
  fc.assert(
    fc.property(instant, fc.constantFrom(...ZONES), fc.constantFrom(...LOCALES), (written, zone, locale) => {
      const { iso } = resolveDate(written, zone);
      const luxon = DateTime.fromISO(iso, { setZone: true }).setZone(zone).setLocale(locale);
      assert.equal(displayDate(iso, false, zone, locale), luxon.toFormat("d LLLL yyyy, HH:mm ZZZZ"));
      assert.equal(displayDate(iso, true, zone, locale), luxon.toFormat("d LLLL yyyy"));
      assert.equal(timeOfDay(iso, zone, locale), luxon.toFormat("HH:mm ZZZZ"));
    }),
    { numRuns: 3000 },
  );
  assert.equal(timeOfDay(resolveDate("2025-03-30T00:30:00Z", "Europe/London").iso, "Europe/London"), "00:30 GMT");
  assert.equal(timeOfDay(resolveDate("2025-03-30T01:30:00Z", "Europe/London").iso, "Europe/London"), "02:30 BST");
});

test("tidy drops the spaces and tabs that end lines, as /[ \\t]+\\n/g does", () => {
  const reference = (s: string) => s.replace(/[ \t]+\n/g, "\n");
  fc.assert(fc.property(fc.string({ unit: fc.constantFrom(" ", "\t", "\n", "\r", "a", "<p>"), maxLength: 40 }), (s) => assert.equal(tidy(s), reference(s))), { numRuns: 5000 });
  const page = "<main>\n    \n  <p>x</p>  \n\t\n</main>\n";
  assert.equal(tidy(page), "<main>\n\n  <p>x</p>\n\n</main>\n");
  assert.equal(tidy("no blanks\n"), "no blanks\n");
});
