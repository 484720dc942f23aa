/**
 * No headline anywhere: derive one from the first sentence, cut at a word
 * boundary, and tell the editor, because a derived headline is a guess.
 */
import { warning } from "../../report/messages.ts";
import { isStructural } from "../text.ts";
import type { InferRule } from "../state.ts";

export const MAX_DERIVED_LENGTH = 100;

/** The first sentence: up to a . ! or ? that is followed by a capital, not after an initial or a common abbreviation. */
export function firstSentence(paragraph: string): string {
  const re = /[.!?…]["'”’)]*(?=\s+["'“‘(]?[\p{Lu}\d])/gu;
  for (let m = re.exec(paragraph); m; m = re.exec(paragraph)) {
    const before = paragraph.slice(0, m.index);
    if (/(?:\b\p{Lu}|\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Sen|Rep|Gov|St|No|Nos|Jr|Sr|vs|etc|Inc|Ltd|Co|Corp|U\.S|U\.K))$/u.test(before)) continue;
    return paragraph.slice(0, m.index + m[0].length).trim();
  }
  return paragraph.trim();
}

export function headlineFrom(paragraph: string): string {
  const sentence = firstSentence(paragraph.replace(/\s+/g, " ")).replace(/[.]$/, "");
  if (sentence.length <= MAX_DERIVED_LENGTH) return sentence;
  const cut = sentence.slice(0, MAX_DERIVED_LENGTH + 1);
  const boundary = cut.lastIndexOf(" ");
  return `${(boundary > 40 ? cut.slice(0, boundary) : cut.slice(0, MAX_DERIVED_LENGTH)).replace(/[\s,;:—–-]+$/, "")}…`;
}

export const derivedHeadline: InferRule = (state) => {
  if (state.candidate.title) return;
  const first = state.blocks.find((b) => !isStructural(b.lines[0]!));
  if (!first) return;
  const title = headlineFrom(first.lines.join(" "));
  state.candidate.title = { value: title, source: "inferred", line: first.line };
  state.messages.push(
    warning(`no headline found; derived "${title}" from the first sentence. Add a "title:" line to the front matter`, {
      field: "title",
      line: first.line,
    }),
  );
};
