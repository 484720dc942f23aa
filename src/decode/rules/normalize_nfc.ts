/**
 * Unicode Normalization Form C (UAX #15, https://unicode.org/reports/tr15/):
 * `e` + U+0301 and `é` are the same text but different strings. macOS file
 * names and some editors produce the decomposed form; NFC everywhere makes
 * search, slugs, comparisons and fonts behave. W3C's Character Model
 * (https://www.w3.org/TR/charmod-norm/) recommends NFC for the web.
 */
import type { DecodeRule } from "../state.ts";

/**
 * A character at or above U+0300 (where the combining marks begin). Text
 * without one is already NFC: every character below U+0300 has
 * NFC_Quick_Check=Yes and combining class 0 (UAX #15, section 9;
 * https://www.unicode.org/Public/UCD/latest/ucd/DerivedNormalizationProps.txt),
 * so nothing decomposes or composes. For Latin-1 text V8 answers this test
 * without scanning, where normalize() copies the text through ICU (issue #6).
 */
const MAY_CHANGE = /[^\u0000-\u02FF]/;

export const normalizeNfc: DecodeRule = (state) => {
  if (state.binary || !MAY_CHANGE.test(state.text)) return;
  state.text = state.text.normalize("NFC");
};
