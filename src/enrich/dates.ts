/**
 * Dates resolved in the site's IANA zone:
 * - a date-only value is a calendar day: midnight in the site zone, never the
 *   day before (Eleventy #1531: YAML dates are UTC instants);
 * - a date-time without an offset is wall-clock time in the site zone; a wall
 *   time the zone skips or repeats (DST) is read as RFC 5545 and Temporal's
 *   "compatible" disambiguation does: the earlier of two, and a skipped one
 *   moved forward by the gap (luxon alone picks by the offset of the day the
 *   build runs, so a site built in summer and one built in winter differed);
 * - an explicit offset (or Z) wins, then is shown in the site zone.
 *
 * The common shapes (`2025-09-02`, `2025-09-02T05:59[:33]` with or without
 * an offset) are read here with luxon's zone offsets and arithmetic, without
 * a DateTime: that was 80 µs per article, most of the date's cost. Every
 * other shape luxon reads (week and ordinal dates, fractions of a second,
 * basic format) goes through luxon.
 */
import { DateTime, Info, type Zone } from "luxon";

export interface ResolvedDate {
  /** ISO 8601 with the site zone's offset. */
  iso: string;
  dateOnly: boolean;
  /** Calendar day in the site zone, YYYY-MM-DD. */
  day: string;
  millis: number;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const HAS_OFFSET = /(?:Z|[+-]\d{2}:?\d{2})$/i;

/** Many articles share a date; luxon parsing is the costly part, so remember results. */
const cache = new Map<string, ResolvedDate>();
const CACHE_LIMIT = 50_000;

export function resolveDate(written: string, zone: string): ResolvedDate {
  const key = `${zone} ${written}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const resolved = resolveUncached(written, zone);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, resolved);
  return resolved;
}

/** A day, or a day and time with or without an offset (an offset needs a time, as in luxon). */
const COMMON = /^([1-9]\d{3})-(\d\d)-(\d\d)(?:T(\d\d):(\d\d)(?::(\d\d))?(Z|[+-]\d\d:\d\d)?)?$/i;
const MINUTE = 60_000;
const DAY = 86_400_000;
const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** A written date: its wall time as if it were UTC, and its offset in minutes if it has one. */
interface Written {
  local: number;
  offset?: number;
  dateOnly: boolean;
}

/** A common shape read without luxon's parser; undefined for anything else (and for 30 February: luxon says why). */
function readCommon(s: string): Written | undefined {
  const m = COMMON.exec(s);
  if (!m) return undefined;
  const [year, month, day, hour = 0, minute = 0, second = 0] = m.slice(1, 7).map((v) => (v === undefined ? undefined : Number(v)));
  if (month! < 1 || month! > 12 || day! < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const local = Date.UTC(year!, month! - 1, day!, hour, minute, second);
  if (new Date(local).getUTCDate() !== day) return undefined;
  const offset = m[7] === undefined ? undefined : m[7].toUpperCase() === "Z" ? 0 : (m[7][0] === "-" ? -1 : 1) * (Number(m[7].slice(1, 3)) * 60 + Number(m[7].slice(4, 6)));
  return { local, offset, dateOnly: m[4] === undefined && offset === undefined };
}

function readWithLuxon(s: string, written: string): Written {
  const dt = DateTime.fromISO(s, { zone: "utc", setZone: true });
  if (!dt.isValid) throw new Error(`"${written}" is not a valid date: ${dt.invalidExplanation ?? dt.invalidReason}`);
  return { local: dt.toMillis() + dt.offset * MINUTE, offset: HAS_OFFSET.test(s) ? dt.offset : undefined, dateOnly: DATE_ONLY.test(s) };
}

/**
 * The instant of wall time `local` in `zone`, and the zone's offset then:
 * luxon's fixOffset (datetime.js), starting from the offset a day earlier,
 * which gives the compatible reading of a repeated or skipped wall time.
 */
function wallToInstant(local: number, zone: Zone): [number, number] {
  const o = zone.offset(local - DAY);
  let guess = local - o * MINUTE;
  const o2 = zone.offset(guess);
  if (o2 === o) return [guess, o];
  guess -= (o2 - o) * MINUTE;
  const o3 = zone.offset(guess);
  if (o3 === o2) return [guess, o2];
  return [local - Math.min(o2, o3) * MINUTE, Math.max(o2, o3)];
}

/** The instant of wall time `local` written with an offset of `written` minutes, and `zone`'s offset then. */
function atOffset(local: number, written: number, zone: Zone): [number, number] {
  const millis = local - written * MINUTE;
  return [millis, zone.offset(millis)];
}

/** "+01:00" for 60 minutes, as luxon's `ZZ` prints it. */
const offsetText = (minutes: number) => `${minutes < 0 ? "-" : "+"}${pad(Math.trunc(Math.abs(minutes) / 60))}:${pad(Math.trunc(Math.abs(minutes) % 60))}`;

function resolveUncached(written: string, zone: string): ResolvedDate {
  const s = written.trim().replace(" ", "T");
  const w = readCommon(s) ?? readWithLuxon(s, written);
  // As DateTime.setZone takes it: "UTC" (the default) as a fixed offset, which needs no Intl call for
  // each instant as an IANA zone does (formatToParts was 0.1 s of each thread's parsing at 10k seeds).
  const tz = Info.normalizeZone(zone);
  const [millis, offset] = w.offset === undefined ? wallToInstant(w.local, tz) : atOffset(w.local, w.offset, tz);
  const wall = new Date(millis + offset * MINUTE);
  const year = wall.getUTCFullYear();
  if (!Number.isFinite(millis + offset) || year < 0 || year > 9999) {
    const dt = DateTime.fromMillis(millis, { zone });
    if (!dt.isValid) throw new Error(`"${written}" is not a valid date: ${dt.invalidExplanation ?? dt.invalidReason}`);
    return { iso: dt.toFormat("yyyy-MM-dd'T'HH:mm:ssZZ"), dateOnly: w.dateOnly, day: dt.toISODate()!, millis };
  }
  const day = `${pad(year, 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`;
  // Always a numeric offset (+00:00, not Z): one shape for feeds, JSON-LD and the report.
  const iso = `${day}T${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}${offsetText(offset)}`;
  return { iso, dateOnly: w.dateOnly, day, millis };
}
