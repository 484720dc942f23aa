/**
 * What the main thread and the story thread (stories-worker.ts) post each other, packed.
 *
 * Relations go by position in the step's inputs, not as one [file, relations] pair per article:
 * how the story thread posts them and how `stories.bin` keeps them (stories-store.ts; its key
 * stands for the inputs, files in order). At 100,000 articles the pairs took 0.15 s to post and as
 * long again to receive, on the path every rebuild waits on; packed, they are one string of story
 * ids and the few duplicate and copy links.
 *
 * The inputs go the other way as four strings, one per field: as 10,000 objects the first message
 * took the story thread 20–30 ms to receive (2 ms packed), at the start of the step a rebuild
 * after an edit waits for.
 */
import type { StoryInput, StoryRelations } from "../stories/index.ts";

export interface PackedRelations {
  /** Story id of each input, in input order, joined by "\n" (ids are hex). */
  stories: string;
  /** Inputs that repeat a file exactly: position, that file. */
  duplicates: Array<[at: number, file: string]>;
  /** Inputs that copy a file: position, that file, similarity. */
  derived: Array<[at: number, file: string, similarity: number]>;
}

/** `relations` (relateStories's, one per input in input order) packed. */
export function packRelations(relations: ReadonlyMap<string, StoryRelations>): PackedRelations {
  const stories: string[] = [];
  const packed: PackedRelations = { stories: "", duplicates: [], derived: [] };
  for (const rel of relations.values()) {
    const at = stories.push(rel.story) - 1;
    if (rel.duplicateOf !== undefined) packed.duplicates.push([at, rel.duplicateOf]);
    if (rel.derivedFrom !== undefined) packed.derived.push([at, rel.derivedFrom.file, rel.derivedFrom.similarity]);
  }
  packed.stories = stories.join("\n");
  return packed;
}

/** The relations of the inputs whose files are `files` (in input order) from `packRelations`'s output; undefined when they are not theirs. */
export function unpackRelations(files: readonly string[], packed: PackedRelations): Map<string, StoryRelations> | undefined {
  const rels: StoryRelations[] = packed.stories === "" ? [] : packed.stories.split("\n").map((story) => ({ story }));
  if (rels.length !== files.length) return undefined;
  for (const [at, file] of packed.duplicates) {
    if (rels[at] === undefined) return undefined;
    rels[at].duplicateOf = file;
  }
  for (const [at, file, similarity] of packed.derived) {
    if (rels[at] === undefined) return undefined;
    rels[at].derivedFrom = { file, similarity };
  }
  const relations = new Map<string, StoryRelations>();
  for (let k = 0; k < files.length; k++) relations.set(files[k]!, rels[k]!);
  return relations;
}

/** What the story step reads of an article but its text. */
export type StoryInputFields = Required<Pick<StoryInput, "file" | "title" | "date" | "revision">>;

/** Inputs as one string per field, in input order, each joined by NUL (no path, title or revision holds one: unpackInputs checks). An undated input's date is "". */
export interface PackedInputs {
  count: number;
  files: string;
  titles: string;
  dates: string;
  revisions: string;
}

const NUL = "\0";

export function packInputs(inputs: readonly StoryInputFields[]): PackedInputs {
  const join = (field: (input: StoryInputFields) => string) => inputs.map(field).join(NUL);
  return { count: inputs.length, files: join((i) => i.file), titles: join((i) => i.title), dates: join((i) => i.date ?? ""), revisions: join((i) => i.revision) };
}

/** `packInputs`'s inputs as columns; undefined when a field does not split into `count` values (one held a NUL). */
export function unpackInputs(packed: PackedInputs): { files: string[]; titles: string[]; dates: Array<string | null>; revisions: string[] } | undefined {
  const split = (joined: string) => (packed.count === 0 ? [] : joined.split(NUL));
  const [files, titles, dates, revisions] = [split(packed.files), split(packed.titles), split(packed.dates), split(packed.revisions)];
  if (![files, titles, dates, revisions].every((column) => column.length === packed.count)) return undefined;
  return { files, titles, dates: dates.map((d) => (d === "" ? null : d)), revisions };
}
