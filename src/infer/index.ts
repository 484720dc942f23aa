/**
 * Stage 4, infer: fill in what the file does not say, recording where each
 * field came from. Like markdown-it's core rules, each rule is one small
 * function in its own file, run in this explicit order.
 */
import type { Message } from "../report/messages.ts";
import { blockText, toBlocks, type Candidate, type InferContext, type InferRule, type InferState } from "./state.ts";
import { inlineDate } from "./rules/inline_date.ts";
import { headingHeadline } from "./rules/heading_headline.ts";
import { headlineLine } from "./rules/headline_line.ts";
import { splitParagraphs } from "./rules/split_paragraphs.ts";
import { byline } from "./rules/byline.ts";
import { dateline } from "./rules/dateline.ts";
import { subheads } from "./rules/subheads.ts";
import { derivedHeadline } from "./rules/derived_headline.ts";
import { fallbackDate } from "./rules/fallback_date.ts";

export const inferRules: ReadonlyArray<readonly [string, InferRule]> = [
  ["inline_date", inlineDate], // before the headline: it sits on line 1
  ["heading_headline", headingHeadline],
  ["headline_line", headlineLine], // needs the blank line after it, so before splitting
  ["split_paragraphs", splitParagraphs],
  ["byline", byline],
  ["dateline", dateline],
  ["subheads", subheads], // needs paragraphs split to see lines standing alone
  ["derived_headline", derivedHeadline],
  ["fallback_date", fallbackDate],
];

export interface Inferred {
  candidate: Candidate;
  messages: Message[];
}

export function infer(body: string, bodyLine: number, candidate: Candidate, context: InferContext): Inferred {
  const state: InferState = { context, candidate: { ...candidate }, blocks: toBlocks(body, bodyLine), messages: [] };
  for (const [, rule] of inferRules) rule(state);
  state.candidate.body = { value: state.blocks.map(blockText).join("\n\n"), source: "inferred" };
  return { candidate: state.candidate, messages: state.messages };
}
