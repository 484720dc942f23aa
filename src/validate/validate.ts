/**
 * Stage 5, validate: the candidate (front matter + inference) passes the one
 * schema or the file is reported. Messages name the field and the value, and
 * the line when the value was read from one, e.g.
 * `date "2025-13-45" is not a valid date`.
 */
import { error, type Message } from "../report/messages.ts";
import type { Candidate } from "../infer/state.ts";
import { ArticleDataSchema, type ArticleData, type ArticleField, type Source } from "./schema.ts";

export interface Validated {
  data?: ArticleData;
  sources: Partial<Record<ArticleField, Source>>;
  messages: Message[];
}

/** A short, safe rendering of what the editor wrote, for messages. */
export function showValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === "object") return "a nested object";
  return String(value);
}

export function validate(candidate: Candidate): Validated {
  const input: Record<string, unknown> = {};
  const sources: Partial<Record<ArticleField, Source>> = {};
  for (const [field, found] of Object.entries(candidate) as [ArticleField, NonNullable<Candidate[ArticleField]>][]) {
    input[field] = found.value;
    if (field !== "body") sources[field] = found.source;
  }
  const parsed = ArticleDataSchema.safeParse(input);
  if (parsed.success) return { data: parsed.data, sources, messages: [] };

  const messages = parsed.error.issues.map((issue): Message => {
    const field = String(issue.path[0] ?? "front matter") as ArticleField;
    const found = candidate[field];
    const name = found?.key ?? field;
    const empty = found !== undefined && (found.value === null || (typeof found.value === "string" && found.value.trim() === ""));
    const what = found === undefined ? "is missing" : empty ? "is empty" : `${showValue(found.value)} ${issue.message}`;
    return error(`${name} ${what}`, { field, ...(found?.line ? { line: found.line } : {}) });
  });
  return { sources, messages };
}
