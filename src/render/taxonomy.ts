/**
 * Tags, categories and authors, grouped once per build. Spellings that differ
 * only in case, spacing or Unicode form are one term (Eleventy #2462): the
 * key is the URL slug of the normalised name, so one term has one URL, and
 * pages show the spelling most articles use.
 */
import { slugFor } from "../enrich/slug.ts";
import type { Article } from "../validate/schema.ts";

export type TermKind = "tag" | "category" | "author";

export interface Term {
  kind: TermKind;
  /** URL part, [a-z0-9-] only. */
  slug: string;
  /** The most common spelling. */
  name: string;
  /** Site-relative URL of the term's first page. */
  url: string;
  /** Newest first. */
  articles: Article[];
}

export interface Taxonomy {
  kind: TermKind;
  /** Sorted by name for index pages. */
  terms: Term[];
  /** Each article's terms in the order the article lists them, by the article's position in the list grouped. */
  ofArticle: Term[][];
}

export const TERM_PATHS: Record<TermKind, { base: string; plural: string; label: string }> = {
  tag: { base: "/tags/", plural: "Topics", label: "Topic" },
  category: { base: "/categories/", plural: "Sections", label: "Section" },
  author: { base: "/authors/", plural: "Authors", label: "Author" },
};

const slugs = new Map<string, string>();

/**
 * A copy of `s` that shares no memory with any other string. V8 keeps a string cut from another (13
 * characters or more) as a view of it: a record's names are cut from its line of the cache index
 * (thin-record.ts), so a name remembered below, or a slug that is the name unchanged, kept that whole
 * index alive. `npm start` lives through many builds: it kept the first one's for good (176 MB of the
 * 301 MB heap of a 10k preview).
 */
const detached = (s: string) => [...s].join("");

/** One key for every spelling of a term (remembered: a corpus repeats a few thousand names many times). */
export function termSlug(name: string): string {
  let slug = slugs.get(name);
  if (slug === undefined) {
    if (slugs.size >= 200_000) slugs.clear();
    slug = detached(slugFor(name.normalize("NFKC").replace(/\s+/g, " ").trim().toLowerCase()));
    slugs.set(detached(name), slug);
  }
  return slug;
}

/** A term with no articles yet, at its URL. */
export const newTerm = (kind: TermKind, slug: string, name: string): Term => ({ kind, slug, name, url: `${TERM_PATHS[kind].base}${slug}/`, articles: [] });

export const TERM_FIELDS: Record<TermKind, (a: Article) => readonly string[]> = {
  tag: (a) => a.tags,
  category: (a) => a.categories,
  author: (a) => a.authors,
};

/**
 * O(total terms on all articles): one pass, then one sort of the distinct terms. A name met
 * before is one lookup (its term and how many articles spell it so), not three.
 */
export function taxonomy(kind: TermKind, articles: readonly Article[], collator: Intl.Collator): Taxonomy {
  const bySlug = new Map<string, Term>();
  const spellings = new Map<string, { term: Term; count: number }>();
  const pick = TERM_FIELDS[kind];
  const ofArticle = articles.map((a) => {
    const mine: Term[] = [];
    for (const name of pick(a)) {
      let spelling = spellings.get(name);
      if (!spelling) {
        const slug = termSlug(name);
        let term = bySlug.get(slug);
        if (!term) bySlug.set(slug, (term = newTerm(kind, slug, name)));
        spellings.set(name, (spelling = { term, count: 0 }));
      }
      spelling.count++;
      // The schema already drops case-insensitive repeats within one article; "New York" and "new-york" may remain.
      const { term } = spelling;
      if (term.articles.at(-1) !== a) {
        term.articles.push(a);
        mine.push(term);
      }
    }
    return mine;
  });
  // The most common spelling. Map order is first-seen order (newest article first), so ties go to the newest spelling.
  const bestCount = new Map<Term, number>();
  for (const [name, { term, count }] of spellings) {
    if (count > (bestCount.get(term) ?? 0)) {
      term.name = name;
      bestCount.set(term, count);
    }
  }
  const terms = [...bySlug.values()];
  terms.sort((x, y) => collator.compare(x.name, y.name) || (x.slug < y.slug ? -1 : 1));
  return { kind, terms, ofArticle };
}
