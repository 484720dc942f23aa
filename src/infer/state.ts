/**
 * The state the infer rules share: the body as blocks (runs of lines between
 * blank lines) and the candidate fields, each with the place it came from.
 */
import type { Message } from "../report/messages.ts";
import type { ArticleField, Source } from "../validate/schema.ts";

export interface Found {
  value: unknown;
  source: Source;
  /** 1-based file line the value was read from. */
  line?: number;
  /** The front-matter key it was written under, when not the field's own name. */
  key?: string;
}
export type Candidate = Partial<Record<ArticleField, Found>>;

export interface Block {
  lines: string[];
  /** 1-based file line of the block's first line. */
  line: number;
}

export interface InferContext {
  /** Seed path relative to the seeds folder. */
  rel: string;
  mtimeMs: number;
  /** First-commit dates of seeds, when the seeds are in git. */
  gitDates: ReadonlyMap<string, string>;
}

export interface InferState {
  readonly context: InferContext;
  candidate: Candidate;
  blocks: Block[];
  messages: Message[];
}

export type InferRule = (state: InferState) => void;

export const blockText = (b: Block) => b.lines.join("\n");

/** Split text into blocks on blank lines, remembering file line numbers. */
export function toBlocks(text: string, firstLine: number): Block[] {
  const blocks: Block[] = [];
  let current: Block | undefined;
  text.split("\n").forEach((raw, i) => {
    const line = raw.trimEnd();
    if (line === "") { // white space only: nothing was left
      current = undefined;
    } else if (current) {
      current.lines.push(line);
    } else {
      current = { lines: [line], line: firstLine + i };
      blocks.push(current);
    }
  });
  return blocks;
}
