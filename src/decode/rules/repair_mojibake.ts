/**
 * Mojibake: UTF-8 text that was once read as Windows-1252 and saved again as
 * UTF-8, so ’ (E2 80 99) shows as `â€™` and é (C3 A9) as `Ã©`.
 *
 * Re-encoding a whole line as Windows-1252 and decoding it as UTF-8 would undo
 * it, but would also destroy every correct character on that line (`café`
 * does not survive the round trip). So only runs that have the exact shape of
 * a UTF-8 sequence read as Windows-1252 are repaired:
 *
 * - a lead character U+00C2..U+00F4 (the UTF-8 lead bytes C2..F4, which
 *   Windows-1252 and Latin-1 both map to the same code point), followed by
 * - as many continuation characters as that lead byte announces (1 for
 *   C2..DF, 2 for E0..EF, 3 for F0..F4), i.e. characters whose Windows-1252
 *   byte is 0x80..0xBF (RFC 3629, section 4: https://www.rfc-editor.org/rfc/rfc3629#section-4).
 *
 * The run is turned back into bytes and kept only if they are valid UTF-8
 * (strict, so overlong forms and surrogates are refused). Text mojibaked twice
 * (`Ã¢â‚¬â„¢`) comes right after a second pass; there are at most three.
 *
 * Some correct text has that shape too: French puts a no-break space before
 * `»`, so `été\u00A0»` is lead + 2 continuations and would decode as U+983B;
 * German `Gruß“` would become U+07D3 (NKo). Repairs whose result lies in the
 * scripts mojibake commonly comes from (Latin, Greek, Cyrillic, Hebrew, Arabic,
 * punctuation and symbols, emoji) are kept on their own; anything else (CJK,
 * Indic, NKo, IPA...) is kept only next to another repair, because a word in
 * those scripts mojibakes into adjacent runs (`ä¸­æ–‡` for 中文) while a single
 * such character in the middle of Latin text is far more likely to be correct
 * text. A lone mojibaked CJK character is therefore left as it is.
 */
import { warning } from "../../report/messages.ts";
import { lineOfIndex } from "../lines.ts";
import type { DecodeRule } from "../state.ts";
import { decodeUtf8Strict } from "../utf8.ts";
import { CONTINUATION_BYTE } from "../windows1252.ts";

/** Double mojibake needs two passes; a third covers triple. More is not text. */
const MAX_PASSES = 3;

const hex = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
const CONT = `[${[...CONTINUATION_BYTE.keys()].map(hex).join("")}]`;
/** Every run starts with one of these; most seeds have none, and this is the cheaper scan. */
const LEAD = /[\u00C2-\u00F4]/;
const RUN = new RegExp(`[\\u00C2-\\u00DF]${CONT}|[\\u00E0-\\u00EF]${CONT}{2}|[\\u00F0-\\u00F4]${CONT}{3}`, "g");

/** Code point ranges a repair may produce on its own (see the header). */
const COMMON: ReadonlyArray<readonly [number, number]> = [
  [0x00a0, 0x024f], // Latin-1 Supplement, Latin Extended-A and -B (not the C1 controls)
  [0x02b0, 0x036f], // spacing modifier letters (ˆ ˜), combining diacritics (mojibaked NFD)
  [0x0370, 0x06ff], // Greek, Cyrillic, Armenian, Hebrew, Arabic
  [0x1e00, 0x1eff], // Latin Extended Additional (Vietnamese)
  [0x2000, 0x27ff], // punctuation, currency, letterlike, arrows, math, shapes, dingbats
  [0xfffd, 0xfffd], // a replacement character that was itself mojibaked (ï¿½)
  [0x1f000, 0x1faff], // emoji
];

const isCommon = (cp: number): boolean => COMMON.some(([lo, hi]) => cp >= lo && cp <= hi);

interface Repair {
  start: number;
  end: number;
  /** The repaired character, or null when the run's bytes are not valid UTF-8. */
  char: string | null;
}

function repairRun(run: string): string | null {
  const bytes = Uint8Array.from(run, (c, i) => (i === 0 ? c.charCodeAt(0) : CONTINUATION_BYTE.get(c)!));
  return decodeUtf8Strict(bytes);
}

/** The repairs one pass makes, in order. */
function findRepairs(text: string): Repair[] {
  const candidates: Repair[] = [...text.matchAll(RUN)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    char: repairRun(m[0]),
  }));
  return candidates.filter((r, i) => {
    if (r.char === null) return false;
    if (isCommon(r.char.codePointAt(0)!)) return true;
    const before = candidates[i - 1];
    const after = candidates[i + 1];
    return (before?.char != null && before.end === r.start) || (after?.char != null && after.start === r.end);
  });
}

/**
 * Apply one pass. `marks` are the offsets of characters earlier passes
 * produced; a run that swallows marks replaces them with one, so a character
 * mojibaked twice still counts once.
 */
function applyRepairs(text: string, repairs: readonly Repair[], marks: readonly number[]): { text: string; marks: number[] } {
  let out = "";
  let last = 0;
  let delta = 0;
  let k = 0;
  const next: number[] = [];
  for (const r of repairs) {
    while (k < marks.length && marks[k]! < r.start) next.push(marks[k++]! + delta);
    while (k < marks.length && marks[k]! < r.end) k++;
    out += text.slice(last, r.start) + r.char!;
    next.push(r.start + delta);
    delta += r.char!.length - (r.end - r.start);
    last = r.end;
  }
  while (k < marks.length) next.push(marks[k++]! + delta);
  return { text: out + text.slice(last), marks: next };
}

export const repairMojibake: DecodeRule = (state) => {
  if (state.binary || !LEAD.test(state.text)) return;
  let text = state.text;
  let marks: number[] = [];
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const repairs = findRepairs(text);
    if (repairs.length === 0) break;
    ({ text, marks } = applyRepairs(text, repairs, marks));
  }
  if (marks.length === 0) return;
  state.text = text;
  // Repairs never add or remove a line break, so this is the line in the file.
  const line = lineOfIndex(text, marks[0]!);
  const what = marks.length === 1 ? "mojibake sequence" : "mojibake sequences";
  state.messages.push(warning(`repaired ${marks.length} ${what} (first on line ${line})`, { line }));
};
