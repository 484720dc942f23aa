/**
 * Dates resolved with luxon in the site's IANA zone:
 * - a date-only value is a calendar day: midnight in the site zone, never the
 *   day before (Eleventy #1531: YAML dates are UTC instants);
 * - a date-time without an offset is wall-clock time in the site zone;
 * - an explicit offset (or Z) wins, then is shown in the site zone.
 */
import { DateTime } from "luxon";

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

function resolveUncached(written: string, zone: string): ResolvedDate {
  const s = written.trim().replace(" ", "T");
  const dateOnly = DATE_ONLY.test(s);
  const dt = HAS_OFFSET.test(s)
    ? DateTime.fromISO(s, { setZone: true }).setZone(zone)
    : DateTime.fromISO(s, { zone });
  if (!dt.isValid) throw new Error(`"${written}" is not a valid date: ${dt.invalidExplanation ?? dt.invalidReason}`);
  return {
    // Always a numeric offset (+00:00, not Z): one shape for feeds, JSON-LD and the report.
    iso: dt.toFormat("yyyy-MM-dd'T'HH:mm:ssZZ"),
    dateOnly,
    day: dt.toISODate()!,
    millis: dt.toMillis(),
  };
}
