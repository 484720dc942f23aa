/**
 * Text pasted from a web page or a word processor puts one paragraph per line
 * with no blank lines between (seeds 001, 004). Markdown would join them into
 * one paragraph, so a block whose lines are not hard-wrapped becomes one block
 * per line. Hard-wrapped prose (every line under ~100 characters, as editors
 * write in a text editor) and Markdown structure are left alone.
 */
import { isStructural } from "../text.ts";
import type { Block, InferRule } from "../state.ts";

const WRAP_WIDTH = 100;

const isUnwrapped = (b: Block) =>
  b.lines.length > 1 && !b.lines.some(isStructural) && b.lines.some((l) => l.length > WRAP_WIDTH);

export const splitParagraphs: InferRule = (state) => {
  if (!state.blocks.some(isUnwrapped)) return; // most seeds: no new list of blocks (issue #6)
  state.blocks = state.blocks.flatMap((b) =>
    isUnwrapped(b) ? b.lines.map((line, i) => ({ lines: [line], line: b.line + i })) : [b],
  );
};
