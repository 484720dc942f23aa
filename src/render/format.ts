/**
 * Dates as readers see them, in the site's time zone (luxon). An article's
 * date is shown on its page and on every list it appears in, and a day
 * heading on many pages, so results are remembered (luxon formatting was the
 * largest cost of rendering a list page).
 */
import { DateTime } from "luxon";

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

/** "Wednesday 3 September 2025" for a YYYY-MM-DD day. */
export const dayHeading = remembered((day: string, zone: string, locale = "en-GB") =>
  DateTime.fromISO(day, { zone }).setLocale(locale).toFormat("cccc d LLLL yyyy"),
);

const formatDate = remembered((iso: string, dateOnly: string, zone: string, locale: string) => {
  const dt = DateTime.fromISO(iso, { setZone: true }).setZone(zone).setLocale(locale);
  return dateOnly === "1" ? dt.toFormat("d LLLL yyyy") : dt.toFormat("d LLLL yyyy, HH:mm ZZZZ");
});

/** "3 September 2025, 09:00 UTC", or "3 September 2025" when only the day is known. */
export const displayDate = (iso: string, dateOnly: boolean, zone: string, locale = "en-GB") => formatDate(iso, dateOnly ? "1" : "0", zone, locale);

/** "September 2025" for a YYYY-MM month. */
export const monthHeading = remembered((month: string, zone: string, locale = "en-GB") =>
  DateTime.fromISO(`${month}-01`, { zone }).setLocale(locale).toFormat("LLLL yyyy"),
);

/** "09:00 UTC": the time of day in the site zone, for a list under a day heading. */
export const timeOfDay = remembered((iso: string, zone: string, locale = "en-GB") =>
  DateTime.fromISO(iso, { setZone: true }).setZone(zone).setLocale(locale).toFormat("HH:mm ZZZZ"),
);
