/**
 * CRLF (Windows) and lone CR (classic Mac OS) become LF, so every later stage
 * splits lines one way. Line numbers do not move: `lines.ts` already counts
 * each of these as one line break.
 */
import type { DecodeRule } from "../state.ts";

export const normalizeNewlines: DecodeRule = (state) => {
  if (state.binary || !state.text.includes("\r")) return; // most seeds: a memchr instead of a regex scan
  state.text = state.text.replace(/\r\n?/g, "\n");
};
