/** Dates as readers see them, in the site's time zone (luxon). */
import { DateTime } from "luxon";

export const dayHeading = (day: string, zone: string, locale = "en-GB") =>
  DateTime.fromISO(day, { zone }).setLocale(locale).toFormat("cccc d LLLL yyyy");

export function displayDate(iso: string, dateOnly: boolean, zone: string, locale = "en-GB"): string {
  const dt = DateTime.fromISO(iso, { setZone: true }).setZone(zone).setLocale(locale);
  return dateOnly ? dt.toFormat("d LLLL yyyy") : dt.toFormat("d LLLL yyyy, HH:mm ZZZZ");
}
