/**
 * `By Jane Doe and John Roe` standing alone near the top is the byline.
 * It is taken out of the body either way, so it never shows twice.
 */
import { wordCount } from "../text.ts";
import type { InferRule } from "../state.ts";

const BYLINE = /^(?:by|from)\s+(\p{Lu}[\p{L}.'’-]*(?:\s+(?:\p{Lu}[\p{L}.'’-]*|de|van|von|der|da|di|bin|al|and|&|,))*)\s*$/iu;
/** Bylines sit in the first few blocks; a "By …" line further down is prose. */
const SEARCH_BLOCKS = 3;
const MAX_BYLINE = 120;

export const byline: InferRule = (state) => {
  const index = state.blocks
    .slice(0, SEARCH_BLOCKS)
    .findIndex((b) => b.lines.length === 1 && b.lines[0]!.length <= MAX_BYLINE && wordCount(b.lines[0]!) <= 12);
  if (index < 0) return;
  const block = state.blocks[index]!;
  const match = BYLINE.exec(block.lines[0]!.replace(/^[*_]+|[*_]+$/g, "").trim());
  if (!match || !/^by\s/i.test(block.lines[0]!.replace(/^[*_]+/, ""))) return;
  const names = match[1]!.split(/\s*(?:,|\band\b|&)\s*/i).map((n) => n.trim()).filter(Boolean);
  if (names.length === 0) return;
  if (!state.candidate.authors) state.candidate.authors = { value: names, source: "inline", line: block.line };
  state.blocks.splice(index, 1);
};
