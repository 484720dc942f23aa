/**
 * A cached per-file result as one line of text in the cache index, so that a
 * rebuild makes each unchanged seed's record from that line instead of
 * reading, checking and deserializing its pack's meta (codec.ts).
 *
 * Why: at 10,000 seeds, decoding every cached record through V8's
 * deserializer (with the pack checksums and the garbage collector copying
 * what it allocated) was the largest step of a rebuild that changes one seed,
 * and a rebuild still needs every record, since grouping and planning read
 * every article's place. Made from one line split once, each article is one
 * object literal of a fixed shape: strings cut from the line, lists split
 * from it, and the `sources` objects, which repeat (nearly every article has
 * one of a few), shared. The html and text stay in the pack and are read
 * when first asked for, as for any cached record.
 *
 * Only results of the one shape the per-file stage makes (enrich/article.ts,
 * with the `revision` file.ts adds; codec.ts moves html and text last) and
 * whose values hold no separator are kept so: any other is decoded as
 * before. Tests: tests/unit/thin-record.test.ts checks that a thin record
 * equals the decoded one, key order included (page-keys.ts hashes an
 * article's fields in their order).
 */
import type { ResolvedImage } from "../enrich/image.ts";
import type { ReportEntry } from "../report/entry.ts";
import type { Message } from "../report/messages.ts";
import type { Article, Source } from "../validate/schema.ts";
import { withTextsFrom } from "./codec.ts";
import type { FileResult } from "./file.ts";

/** Between fields, and between a list's items (the index joins lines with U+0000). */
const FIELD = "\u0001";
const ITEM = "\u0002";
const SEPARATORS = /[\u0000-\u0002]/;

/** The article's own keys, in the order the per-file stage gives them: the only shape kept thin. */
const ARTICLE_KEYS = [
  "file", "status", "title", "dek", "authors", "dateline", "tags", "categories", "imageAlt", "draft", "slug", "url",
  "date", "dateOnly", "day", "updated", "image", "textHash", "description", "wordCount", "readingMinutes", "sources",
  "revision",
].join(",");
/** Where html and text are among them does not matter: a record read back has both last (codec.ts). */
const keysBesidesTexts = (a: Article) => Object.keys(a).filter((key) => key !== "html" && key !== "text").join(",");
const ENTRY_KEYS = ["file", "status", "url", "title", "date", "sources", "messages"].join(",");
const RESULT_KEYS = ["entry", "millis", "article", "image"].join(",");

/** How many fields a line has (the article's, then the entry's and the result's own), and which are lists. */
const FIELDS = 27;
const LISTS = new Set([2, 4, 5]);

const optional = (value: string | undefined) => value ?? "";
const list = (items: readonly string[]) => items.join(ITEM);
const json = (value: unknown) => (value === undefined ? "" : JSON.stringify(value));

/**
 * `result` (of seed `rel`, its html `htmlBytes` long in UTF-8) as one line, or undefined when it
 * is not of the shape kept thin. Reads no html or text.
 */
export function thinLine(result: FileResult, rel: string, htmlBytes: number): string | undefined {
  const { entry, article: a } = result;
  if (!a || a.revision === undefined || Object.keys(result).join(",") !== RESULT_KEYS) return undefined;
  if (keysBesidesTexts(a) !== ARTICLE_KEYS || Object.keys(entry).join(",") !== ENTRY_KEYS) return undefined;
  if (a.file !== rel || entry.file !== rel || entry.url !== null || entry.status !== a.status || entry.title !== a.title || entry.date !== a.date) return undefined;
  // JSON leaves out a property set to undefined, which the line would then not have.
  if (![...entry.messages, a.image ?? {}, result.image ?? {}].every((o) => Object.values(o).every((v) => v !== undefined))) return undefined;
  const fields = [
    a.title, optional(a.dek), list(a.authors), optional(a.dateline), list(a.tags), list(a.categories), optional(a.imageAlt),
    a.draft ? "t" : "", a.slug, a.url, a.date, a.dateOnly ? "t" : "", a.day, optional(a.updated), json(a.image), a.textHash,
    a.description, `${a.wordCount}`, `${a.readingMinutes}`, JSON.stringify(a.sources), a.revision,
    entry.status, JSON.stringify(entry.sources), JSON.stringify(entry.messages), `${result.millis}`, json(result.image), `${htmlBytes}`,
  ];
  // A separator inside a value would read back as another field or item (and an empty item as none).
  const lists = [a.authors, a.tags, a.categories];
  const itemsRead = lists.every((l) => l.every((item) => item !== "" && !SEPARATORS.test(item)));
  return itemsRead && fields.every((f, i) => LISTS.has(i) || !SEPARATORS.test(f)) ? fields.join(FIELD) : undefined;
}

/** One object per distinct text: articles share their `sources` (never edited in place: enrich/stories.ts replaces them). */
export class SharedObjects {
  readonly #made = new Map<string, object>();
  of<T extends object>(text: string): T {
    let made = this.#made.get(text);
    if (!made) this.#made.set(text, (made = JSON.parse(text) as object));
    return made as T;
  }
}

const items = (field: string): string[] => (field === "" ? [] : field.split(ITEM));
const orUndefined = (field: string): string | undefined => (field === "" ? undefined : field);

/**
 * The result a line stands for (`thinLine`), its article's html and text read from `texts` when
 * first asked for (its bytes, `textLength` in all); throws on a line that is not one.
 */
export function thinResult(line: string, rel: string, texts: () => Uint8Array, textLength: number, shared: SharedObjects): FileResult {
  const f = line.split(FIELD);
  if (f.length !== FIELDS) throw new Error("not a thin record");
  const htmlBytes = Number(f[26]);
  if (!(htmlBytes >= 0 && htmlBytes <= textLength)) throw new Error("not a thin record");
  const article = withTextsFrom(
    {
      file: rel,
      // The entry's (the same; a build sets both again for its own time: files.ts withStatus).
      status: f[21] as Article["status"],
      title: f[0]!,
      dek: orUndefined(f[1]!),
      authors: items(f[2]!),
      dateline: orUndefined(f[3]!),
      tags: items(f[4]!),
      categories: items(f[5]!),
      imageAlt: orUndefined(f[6]!),
      draft: f[7] === "t",
      slug: f[8]!,
      url: f[9]!,
      date: f[10]!,
      dateOnly: f[11] === "t",
      day: f[12]!,
      updated: orUndefined(f[13]!),
      image: f[14] === "" ? undefined : (JSON.parse(f[14]!) as Article["image"]),
      textHash: f[15]!,
      description: f[16]!,
      wordCount: Number(f[17]),
      readingMinutes: Number(f[18]),
      sources: shared.of<Record<string, Source>>(f[19]!),
      revision: f[20]!,
    },
    texts,
    htmlBytes,
    textLength - htmlBytes,
  );
  const entry: ReportEntry = {
    file: rel,
    status: f[21] as ReportEntry["status"],
    url: null,
    title: article.title,
    date: article.date,
    sources: shared.of<Record<string, Source>>(f[22]!),
    messages: JSON.parse(f[23]!) as Message[],
  };
  const millis = Number(f[24]);
  return { entry, millis, article, image: f[25] === "" ? undefined : (JSON.parse(f[25]!) as ResolvedImage) };
}
