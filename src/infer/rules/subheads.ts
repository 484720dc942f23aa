/**
 * A short line with no closing punctuation, standing alone between two
 * paragraphs, is a subhead (seed 002: `‘Always together’`, `Mongolia`,
 * `Pushback to Trump`): it becomes a `##` heading.
 */
import { endsWithPunctuation, isStructural, wordCount } from "../text.ts";
import type { Block, InferRule } from "../state.ts";

const MAX_LENGTH = 70;
const MAX_WORDS = 10;

/** A paragraph, not another short line: it closes like a sentence or is long. */
const isProse = (b: Block | undefined) =>
  !!b && !isStructural(b.lines[0]!) && (endsWithPunctuation(b.lines.at(-1)!) || b.lines.join(" ").length > MAX_LENGTH);

export const subheads: InferRule = (state) => {
  state.blocks.forEach((b, i) => {
    if (i === 0 || b.lines.length !== 1) return;
    const line = b.lines[0]!.trim();
    if (
      line.length <= MAX_LENGTH &&
      wordCount(line) <= MAX_WORDS &&
      !isStructural(line) &&
      !endsWithPunctuation(line) &&
      /^[\p{Lu}\d‘“'"]/u.test(line) &&
      isProse(state.blocks[i - 1]) &&
      isProse(state.blocks[i + 1])
    ) {
      b.lines[0] = `## ${line}`;
    }
  });
};
