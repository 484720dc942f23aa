/**
 * Site-wide enrich step: story coverage (src/stories). Adds `story`,
 * `duplicateOf` and `derivedFrom` to every record, marks exact duplicates so
 * they are published once, and dates an undated article from its story: the
 * earliest day among the members whose date was written, which is a better
 * guess than a file name, git or mtime (sources.date = "story").
 */
import type { ReportEntry } from "../report/entry.ts";
import { warning } from "../report/messages.ts";
import { relateStories } from "../stories/index.ts";
import type { Article } from "../validate/schema.ts";
import { resolveDate } from "./dates.ts";
import { articleUrl } from "./url.ts";

export interface StoryMember {
  entry: ReportEntry;
  article?: Article;
  millis: number;
}

const WRITTEN = new Set(["front-matter", "inline"]);
/**
 * Shorter texts are not compared: two briefs that both say "Text." or share a
 * one-line template are not copies of each other, and too few words to tell.
 */
export const MIN_STORY_WORDS = 25;
const hasWrittenDate = (a: Article) => WRITTEN.has(a.sources.date ?? "");

export function applyStories(members: readonly StoryMember[], timeZone: string): void {
  const withArticles = members.filter(
    (m): m is StoryMember & { article: Article } => m.article !== undefined && m.article.wordCount >= MIN_STORY_WORDS,
  );
  const relations = relateStories(
    withArticles.map(({ article: a }) => ({ file: a.file, title: a.title, text: a.text, date: hasWrittenDate(a) ? a.date : null })),
  );

  // Earliest written day per story, and which file it came from.
  const storyDay = new Map<string, { day: string; file: string }>();
  for (const { article: a } of withArticles) {
    const story = relations.get(a.file)?.story;
    if (!story || !hasWrittenDate(a)) continue;
    const best = storyDay.get(story);
    if (!best || a.day < best.day || (a.day === best.day && a.file < best.file)) storyDay.set(story, { day: a.day, file: a.file });
  }

  for (const m of withArticles) {
    const { article: a, entry } = m;
    const rel = relations.get(a.file);
    if (!rel) continue;
    a.story = entry.story = rel.story;
    if (rel.duplicateOf) {
      a.duplicateOf = entry.duplicateOf = rel.duplicateOf;
      entry.status = "duplicate";
      entry.messages.push(warning(`same text as ${rel.duplicateOf}; published once, under that file`));
    }
    if (rel.derivedFrom) a.derivedFrom = entry.derivedFrom = rel.derivedFrom;

    const from = storyDay.get(rel.story);
    if (from && !hasWrittenDate(a)) {
      const date = resolveDate(from.day, timeZone);
      Object.assign(a, { date: date.iso, day: date.day, dateOnly: true, url: articleUrl(date.day, a.slug) });
      // New objects, not edits: per-file results are cached between preview builds.
      a.sources = { ...a.sources, date: "story" };
      entry.sources = { ...entry.sources, date: "story" };
      entry.date = date.iso;
      m.millis = date.millis;
      entry.messages = entry.messages.filter((msg) => !(msg.field === "date" && msg.message.startsWith("no date written")));
      entry.messages.push(
        warning(`no date written; used its story's date (${from.day}, from ${from.file}). Add a "date:" line to the front matter`, { field: "date" }),
      );
    }
  }
}
