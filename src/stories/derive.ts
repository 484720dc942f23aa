/**
 * Copy / rewrite / paraphrase detection between two articles (the code is
 * tasks.ts coverageTask, so both threads can run it).
 *
 * Each article is a sequence of sentences, each reduced to its set of
 * content words (lower-cased, plural-folded, stopwords removed; stored as
 * 16-bit fingerprints by terms.ts). Every sentence of the candidate copy is
 * matched to its best sentence of the original by Dice overlap. A copy keeps
 * most sentences almost intact; a paraphrase keeps the facts, names,
 * numbers and quoted words of each sentence, so most of its sentences still
 * overlap strongly with one sentence of the original; two independent
 * reports of the same event (even sharing a few wire paragraphs) match only
 * a minority of their sentences.
 */

/** A sentence with fewer content words than this is ignored (datelines, "Mongolia"). */
export const MIN_SENTENCE_WORDS = 3;
/** Dice overlap from which a sentence counts as kept from the original. */
export const SENTENCE_MATCH = 0.4;
