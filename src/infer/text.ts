/** Small text tests the infer rules share. */

/** Markdown structure an editor wrote on purpose: never re-flow or re-read it. */
const STRUCTURAL = /^(?:\s{4}|\t|#{1,6}\s|[-*+]\s|\d{1,3}[.)]\s|>|```|~~~|\||<!--|---\s*$|\*\*\*\s*$)/;
export const isStructural = (line: string) => STRUCTURAL.test(line);

/** Opening and closing quote marks and brackets around a phrase. */
const WRAPPERS = /^[\s"'“”‘’«»„‚()[\]]+|[\s"'“”‘’«»„‚()[\]]+$/g;
export const unwrap = (s: string) => s.replace(WRAPPERS, "");

/** Ends like a sentence or a clause, once closing quotes are set aside. */
export const endsWithPunctuation = (s: string) => /[.,;:!?…]$/.test(unwrap(s));

export const wordCount = (s: string) => s.split(/\s+/).filter(Boolean).length;

/** Headline-sized: a single short line with no closing full stop. */
export function readsAsHeadline(line: string): boolean {
  const t = line.trim();
  return t.length >= 3 && t.length <= 160 && wordCount(t) <= 25 && !/[.,;:]$/.test(unwrap(t)) && /\p{L}/u.test(t);
}
