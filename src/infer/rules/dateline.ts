/**
 * A dateline opens the first paragraph: `BEIJING—Chinese leader…` (seed 002),
 * `WASHINGTON (AP) — …`, `LONDON, Sept 2 (Reuters) - …`. The place becomes the
 * `dateline` field and the page prints it in the house style.
 */
import type { InferRule } from "../state.ts";
import { isStructural } from "../text.ts";

const DATELINE =
  /^(\p{Lu}[\p{Lu}'’.\- ]{1,38}\p{Lu}\.?)(?:,\s*[\p{L}. ]{2,30}?)?(?:,?\s*[\p{L}]{3,9}\.?\s+\d{1,2})?\s*(?:\((?:[\p{L} ]{2,20})\))?\s*(?:—|–|--|-|:)\s*(?=[\p{Lu}“"‘'\d])/u;

export const dateline: InferRule = (state) => {
  const first = state.blocks[0];
  const line = first?.lines[0];
  if (!first || line === undefined || isStructural(line)) return;
  const match = DATELINE.exec(line);
  if (!match) return;
  const place = match[1]!.trim();
  if (place.split(/\s+/).length > 4) return; // SHOUTED prose, not a place
  if (!state.candidate.dateline) state.candidate.dateline = { value: place, source: "inline", line: first.line };
  first.lines[0] = line.slice(match[0].length);
};
