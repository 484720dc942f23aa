/** Dates as readers see them, in the site's time zone (luxon). */
import { DateTime } from "luxon";

export const dayHeading = (day: string, zone: string, locale = "en-GB") =>
  DateTime.fromISO(day, { zone }).setLocale(locale).toFormat("cccc d LLLL yyyy");

export function displayDate(iso: string, dateOnly: boolean, zone: string, locale = "en-GB"): string {
  const dt = DateTime.fromISO(iso, { setZone: true }).setZone(zone).setLocale(locale);
  return dateOnly ? dt.toFormat("d LLLL yyyy") : dt.toFormat("d LLLL yyyy, HH:mm ZZZZ");
}

/** "September 2025" for a YYYY-MM month. */
export const monthHeading = (month: string, zone: string, locale = "en-GB") =>
  DateTime.fromISO(`${month}-01`, { zone }).setLocale(locale).toFormat("LLLL yyyy");

/** "09:00 UTC": the time of day in the site zone, for a list under a day heading. */
export const timeOfDay = (iso: string, zone: string, locale = "en-GB") =>
  DateTime.fromISO(iso, { setZone: true }).setZone(zone).setLocale(locale).toFormat("HH:mm ZZZZ");
