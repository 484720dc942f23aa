/**
 * Story coverage for pages, computed once per build: each story with two or
 * more shown articles gets a page (/stories/<id>/, members oldest first), and
 * a derived article's original is found by file for its canonical link.
 */
import type { Article } from "../validate/schema.ts";

export interface StoryPage {
  id: string;
  url: string;
  /** Oldest first: how the coverage unfolded. */
  articles: Article[];
  /** The first report: its headline names the story. */
  lead: Article;
}

export interface StoryIndex {
  pages: StoryPage[];
  /** By story id; only stories with more than one shown article. */
  byId: Map<string, StoryPage>;
  /** Shown articles by seed file, for `derivedFrom` links. */
  byFile: Map<string, Article>;
}

const byDateThenFile = (a: Article, b: Article) => (a.date === b.date ? (a.file < b.file ? -1 : 1) : Date.parse(a.date) - Date.parse(b.date));

export function storyIndex(articles: readonly Article[]): StoryIndex {
  const members = new Map<string, Article[]>();
  const byFile = new Map<string, Article>();
  for (const a of articles) {
    byFile.set(a.file, a);
    if (!a.story) continue;
    const list = members.get(a.story);
    if (list) list.push(a);
    else members.set(a.story, [a]);
  }
  const pages: StoryPage[] = [];
  for (const [id, list] of members) {
    if (list.length < 2) continue;
    list.sort(byDateThenFile);
    pages.push({ id, url: `/stories/${id}/`, articles: list, lead: list[0]! });
  }
  pages.sort((x, y) => byDateThenFile(y.articles.at(-1)!, x.articles.at(-1)!)); // newest coverage first
  return { pages, byId: new Map(pages.map((p) => [p.id, p])), byFile };
}

/** The published original a derived article closely follows, if it is on the site. */
export const originalOf = (a: Article, index: StoryIndex): Article | undefined =>
  a.derivedFrom ? index.byFile.get(a.derivedFrom.file) : undefined;
