/**
 * A first line that reads as a headline (short, no closing full stop, and
 * standing alone before a blank line) is the headline: seed 002.
 */
import { readsAsHeadline, isStructural } from "../text.ts";
import type { InferRule } from "../state.ts";

export const headlineLine: InferRule = (state) => {
  const [first, next] = state.blocks;
  if (!first || !next || first.lines.length !== 1) return;
  const line = first.lines[0]!;
  if (isStructural(line) || !readsAsHeadline(line)) return;
  const title = state.candidate.title;
  if (!title) state.candidate.title = { value: line.trim(), source: "inferred", line: first.line };
  else if (String(title.value).trim().toLowerCase() !== line.trim().toLowerCase()) return; // a subhead or kicker: keep it
  state.blocks.shift();
};
