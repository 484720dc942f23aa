/**
 * Unicode Normalization Form C (UAX #15, https://unicode.org/reports/tr15/):
 * `e` + U+0301 and `é` are the same text but different strings. macOS file
 * names and some editors produce the decomposed form; NFC everywhere makes
 * search, slugs, comparisons and fonts behave. W3C's Character Model
 * (https://www.w3.org/TR/charmod-norm/) recommends NFC for the web.
 */
import type { DecodeRule } from "../state.ts";

export const normalizeNfc: DecodeRule = (state) => {
  if (state.binary) return;
  state.text = state.text.normalize("NFC");
};
