/**
 * One line of the editors' report per file under the seeds folder: "nothing
 * lost" means every file appears here, published or with its reason.
 * This is the `npm run check -- --json` contract.
 */
import type { Source } from "../validate/schema.ts";
import type { Message } from "./messages.ts";

export type Status = "published" | "draft" | "scheduled" | "duplicate" | "error" | "skipped";

export interface ReportEntry {
  /** Path relative to the seeds folder. */
  file: string;
  status: Status;
  url: string | null;
  title: string | null;
  /** ISO 8601 with offset. */
  date: string | null;
  sources: Record<string, Source>;
  messages: Message[];
  story?: string;
  duplicateOf?: string;
  derivedFrom?: { file: string; similarity: number };
}

export const countBy = (entries: readonly ReportEntry[], status: Status) => entries.filter((e) => e.status === status).length;
export const countLevel = (entries: readonly ReportEntry[], level: Message["level"]) =>
  entries.reduce((n, e) => n + e.messages.filter((m) => m.level === level).length, 0);
