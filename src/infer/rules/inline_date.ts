/**
 * `date 2025-09-02 The two leaders’ meeting comes…` on the first line (seed 000):
 * the date is the article's date, the rest of that line its standfirst (dek).
 */
import type { InferRule } from "../state.ts";

const INLINE_DATE = /^\s*date\s*[:\-–—]?\s*(\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?)\s*(.*)$/i;

export const inlineDate: InferRule = (state) => {
  const first = state.blocks[0];
  const match = first && INLINE_DATE.exec(first.lines[0] ?? "");
  if (!first || !match) return;
  const [, date = "", rest = ""] = match;
  if (!state.candidate.date) state.candidate.date = { value: date, source: "inline", line: first.line };
  if (rest.trim() && !state.candidate.dek) state.candidate.dek = { value: rest.trim(), source: "inline", line: first.line };
  first.lines.shift();
  first.line += 1;
  if (first.lines.length === 0) state.blocks.shift();
};
