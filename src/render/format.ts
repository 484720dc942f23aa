/**
 * Dates as readers see them, in the site's time zone (luxon). An article's
 * date is shown on its page and on every list it appears in, and a day
 * heading on many pages, so this is on the path of every page.
 *
 * What makes it cheap (issue #6; luxon spends most of its time asking Intl
 * for a zone's offset or name at an instant):
 * - a calendar day or month is named from luxon's names for the locale: its
 *   weekday and month do not depend on any zone;
 * - an article's date-time is already written in the site zone
 *   (src/enrich/dates.ts resolves every date there, with that zone's offset),
 *   so its day and time are read from the text as written (`asWritten`, no
 *   DateTime) instead of converted, and only the zone's name ("BST", "UTC")
 *   comes from luxon: it changes with the offset, so one lookup serves
 *   every date-time of a month with the same offset.
 */
import { DateTime, Info } from "luxon";

const CACHE_LIMIT = 100_000;

function remembered<A extends string[]>(fn: (...args: A) => string): (...args: A) => string {
  const cache = new Map<string, string>();
  return (...args: A) => {
    const key = args.join("\u0000");
    let value = cache.get(key);
    if (value === undefined) {
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(key, (value = fn(...args)));
    }
    return value;
  };
}

/** luxon's names of weekdays (Monday first) and months in a locale, as `cccc` and `LLLL` print them. */
const names = (() => {
  const byLocale = new Map<string, { weekdays: string[]; months: string[] }>();
  return (locale: string) => {
    let n = byLocale.get(locale);
    if (!n) byLocale.set(locale, (n = { weekdays: Info.weekdays("long", { locale }), months: Info.months("long", { locale }) }));
    return n;
  };
})();

/**
 * "Wednesday 3 September 2025" for a YYYY-MM-DD day (luxon "cccc d LLLL
 * yyyy"). Built from luxon's names: a site has a heading for every day it
 * published on, and formatting each through a DateTime was 0.3 s at 10k
 * articles. The weekday of a calendar day is the same in every zone.
 */
export const dayHeading = remembered((day: string, locale = "en-GB") => {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d); // not Date.UTC, which reads years 0–99 as 1900–1999
  const weekday = (date.getUTCDay() + 6) % 7; // Monday 0, as luxon counts
  const { weekdays, months } = names(locale);
  return `${weekdays[weekday]} ${d} ${months[m - 1]} ${day.slice(0, 4)}`;
});

/** "September 2025" for a YYYY-MM month (luxon "LLLL yyyy"). */
export const monthHeading = remembered((month: string, locale = "en-GB") => `${names(locale).months[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`);

/** The zone's short name ("BST", "UTC", "GMT+2") at a date-time written in that zone; one lookup per month and offset. */
const zoneName = (() => {
  const known = new Map<string, string>();
  return (iso: string, offset: string, zone: string, locale: string) => {
    // luxon takes "UTC" (the default zone) as its fixed UTC zone, named "UTC" at every instant in every
    // locale: the months of an archive need no lookup each (a rebuild at 10k articles spent 13 ms on them).
    if (zone === "UTC") return "UTC";
    const key = `${zone}\u0000${locale}\u0000${iso.slice(0, 7)}\u0000${offset}`;
    let name = known.get(key);
    if (name === undefined) {
      if (known.size >= CACHE_LIMIT) known.clear();
      known.set(key, (name = DateTime.fromISO(iso, { setZone: true }).setZone(zone).setLocale(locale).toFormat("ZZZZ")));
    }
    return name;
  };
})();

/**
 * The parts of an ISO 8601 date-time as src/enrich/dates.ts writes it (four-digit
 * year, offset), read as written: no conversion (see the header) and no
 * DateTime, which was 0.3 s per 10,000 articles.
 */
const WRITTEN = /^(\d{4})-(\d\d)-(\d\d)T(\d\d:\d\d)(?::\d\d(?:\.\d+)?)?([+-]\d\d:\d\d|Z)$/;

function asWritten(iso: string, locale: string): { day: string; time: string; offset: string } {
  const m = WRITTEN.exec(iso);
  if (!m) {
    // Any other shape luxon reads (a year past 9999): formatted by luxon.
    const dt = DateTime.fromISO(iso, { setZone: true }).setLocale(locale);
    return { day: dt.toFormat("d LLLL yyyy"), time: dt.toFormat("HH:mm"), offset: dt.toFormat("ZZ") };
  }
  const [, year, month, day, time, offset] = m as unknown as [string, string, string, string, string, string];
  return { day: `${Number(day)} ${names(locale).months[Number(month) - 1]} ${year}`, time, offset: offset === "Z" ? "+00:00" : offset };
}

const formatDate = remembered((iso: string, dateOnly: string, zone: string, locale: string) => {
  const w = asWritten(iso, locale);
  return dateOnly === "1" ? w.day : `${w.day}, ${w.time} ${zoneName(iso, w.offset, zone, locale)}`;
});

/** "3 September 2025, 09:00 UTC", or "3 September 2025" when only the day is known; `iso` in the site zone `zone`. */
export const displayDate = (iso: string, dateOnly: boolean, zone: string, locale = "en-GB") => formatDate(iso, dateOnly ? "1" : "0", zone, locale);

/** "09:00 UTC": the time of day, for a list under a day heading; `iso` in the site zone `zone`. */
export const timeOfDay = remembered((iso: string, zone: string, locale = "en-GB") => {
  const w = asWritten(iso, locale);
  return `${w.time} ${zoneName(iso, w.offset, zone, locale)}`;
});
