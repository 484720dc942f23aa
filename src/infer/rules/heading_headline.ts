/** A leading `# Heading` is the headline (or repeats the front-matter title). */
import type { InferRule } from "../state.ts";

export const headingHeadline: InferRule = (state) => {
  const first = state.blocks[0];
  const match = first && first.lines.length === 1 ? /^#\s+(.+?)\s*#*\s*$/.exec(first.lines[0]!) : null;
  if (!first || !match) return;
  const heading = match[1]!;
  const title = state.candidate.title;
  if (!title) state.candidate.title = { value: heading, source: "inline", line: first.line };
  else if (String(title.value).trim().toLowerCase() !== heading.toLowerCase()) return; // a different heading: keep it in the body
  state.blocks.shift();
};
