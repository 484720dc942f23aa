/**
 * Control characters (Unicode general category Cc: U+0000..U+001F and
 * U+007F..U+009F) other than tab and LF have no place in an article: they are
 * invisible, and XML 1.0 forbids most of them, so one would break the feeds and
 * sitemaps. They arrive from copy-paste, from Windows-1252's undefined bytes,
 * and as leftovers of mojibake that could not be repaired.
 *
 * Runs after `repair_mojibake` (which needs C1 characters such as U+009D to
 * rebuild the bytes) and before `normalize_nfc` (removing a control between a
 * letter and a combining accent must still let the two compose).
 */
import { warning } from "../../report/messages.ts";
import { lineOfIndex } from "../lines.ts";
import type { DecodeRule } from "../state.ts";

const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

export const stripControls: DecodeRule = (state) => {
  if (state.binary) return;
  let count = 0;
  let first = -1;
  state.text = state.text.replace(CONTROL, (_, offset: number) => {
    if (count++ === 0) first = offset;
    return "";
  });
  if (count === 0) return;
  const line = lineOfIndex(state.text, first); // offsets before `first` are unchanged
  const what = count === 1 ? "control character" : "control characters";
  state.messages.push(warning(`removed ${count} ${what} (first on line ${line})`, { line }));
};
