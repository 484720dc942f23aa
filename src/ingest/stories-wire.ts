/**
 * Story relations by position in the step's inputs, not as one [file, relations] pair per
 * article: how the story thread posts them to the main thread and how `stories.bin` keeps them
 * (stories-store.ts; its key stands for the inputs, files in order). At 100,000 articles the pairs
 * took 0.15 s to post and as long again to receive, on the path every rebuild waits on; packed,
 * they are one string of story ids and the few duplicate and copy links.
 */
import type { StoryRelations } from "../stories/index.ts";

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
