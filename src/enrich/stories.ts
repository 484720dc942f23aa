/**
 * Site-wide enrich step: story coverage (src/stories; run, or its relations
 * reused, by src/ingest/stories-cache.ts). Adds `story`,
 * `duplicateOf` and `derivedFrom` to every record, marks exact duplicates so
 * they are published once, and dates an undated article from its story: the
 * earliest day among the members whose date was written, which is a better
 * guess than a file name, git or mtime (sources.date = "story").
 */
import type { ReportEntry } from "../report/entry.ts";
import { warning } from "../report/messages.ts";
import type { StoryInput, StoryRelations } from "../stories/index.ts";
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

/**
 * What the story code reads of an article besides its text (the revision stands for title and
 * text), as kept beside its record in the ingest cache (disk-cache.ts), so that a rebuild knows
 * every input of the step before it decodes any record (stories-thread.ts). Null: not compared.
 */
export type StoryIdentity = readonly [title: string, date: string | null, revision: string];

export function storyIdentity(a: Article | undefined): StoryIdentity | null {
  if (!a || a.wordCount < MIN_STORY_WORDS) return null;
  return [a.title, hasWrittenDate(a) ? a.date : null, a.textHash];
}

/**
 * An article as the story code sees it. The text is read through a getter:
 * records from the persistent cache decode it only when read (ingest/codec.ts),
 * and with phase-1 records the story code reads it only for articles it has
 * no record for, so most texts of a rebuild are never decoded.
 */
class ArticleInput implements StoryInput {
  readonly file: string;
  readonly title: string;
  readonly date: string | null;
  readonly revision: string;
  /** The date was written (hasWrittenDate). */
  readonly written: boolean;
  readonly #article: Article;

  constructor(a: Article, [title, date, revision]: StoryIdentity) {
    this.#article = a;
    this.file = a.file;
    this.title = title;
    this.date = date;
    this.revision = revision;
    // Every article has a date; the story code is given only those written.
    this.written = date !== null;
  }

  get text(): string {
    return this.#article.text;
  }
}

/** The articles the story code compares (those long enough), with what it reads of each. */
export function storyInputs(members: readonly StoryMember[]): { compared: Array<StoryMember & { article: Article }>; inputs: ArticleInput[] } {
  const compared: Array<StoryMember & { article: Article }> = [];
  const inputs: ArticleInput[] = [];
  for (const m of members) {
    const identity = storyIdentity(m.article);
    if (!identity) continue;
    compared.push(m as StoryMember & { article: Article });
    inputs.push(new ArticleInput(m.article!, identity));
  }
  return { compared, inputs };
}

/**
 * The story code's relations (stories/index.ts relateStories) applied to the records they were
 * found for (`storyInputs`): story ids, duplicates published once, copies, and dates from stories.
 */
export function applyRelations(
  { compared, inputs }: ReturnType<typeof storyInputs>,
  relations: ReadonlyMap<string, StoryRelations>,
  timeZone: string,
): void {
  // Earliest written day per story, and which file it came from.
  const storyDay = new Map<string, { day: string; file: string }>();
  compared.forEach(({ article: a }, x) => {
    const story = relations.get(inputs[x]!.file)?.story;
    if (!story || !inputs[x]!.written) return;
    const best = storyDay.get(story);
    if (!best || a.day < best.day || (a.day === best.day && a.file < best.file)) storyDay.set(story, { day: a.day, file: a.file });
  });

  compared.forEach((m, x) => {
    const { article: a, entry } = m;
    const rel = relations.get(inputs[x]!.file);
    if (!rel) return;
    a.story = entry.story = rel.story;
    if (rel.duplicateOf) {
      a.duplicateOf = entry.duplicateOf = rel.duplicateOf;
      entry.status = "duplicate";
      entry.messages.push(warning(`same text as ${rel.duplicateOf}; published once, under that file`));
    }
    if (rel.derivedFrom) a.derivedFrom = entry.derivedFrom = rel.derivedFrom;

    const from = storyDay.get(rel.story);
    if (from && !inputs[x]!.written) {
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
  });
}
