/** The report for people: one line per problem, `file:line: level: message`. */
import path from "node:path";
import type { ReportEntry } from "./entry.ts";
import { countBy, countLevel } from "./entry.ts";
import type { SearchMade } from "../render/plugins/search.ts";

/**
 * File names and messages come from seeds: control characters (an ANSI escape
 * sequence in a file name) and bidirectional overrides (which can make a name
 * read as another) are shown escaped, never sent to the terminal as they are.
 */
export const printable = (s: string) =>
  s.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

/** How to name a folder in messages: relative to the current folder when inside it, else absolute. */
export function labelFor(dir: string): string {
  const rel = path.relative(process.cwd(), dir);
  return rel === "" ? "." : rel.startsWith("..") || path.isAbsolute(rel) ? dir : rel;
}

export function problemLines(report: readonly ReportEntry[], seedsLabel: string, levels: ReadonlyArray<"error" | "warning" | "info">): string[] {
  const lines: string[] = [];
  for (const e of report) {
    for (const m of e.messages) {
      if (!levels.includes(m.level)) continue;
      lines.push(`${seedsLabel}/${printable(e.file)}${m.line ? `:${m.line}` : ""}: ${m.level}: ${printable(m.message)}`);
    }
  }
  return lines;
}

export function summaryLine(report: readonly ReportEntry[], seconds: number): string {
  const skipped = countBy(report, "skipped");
  const held = countBy(report, "draft") + countBy(report, "scheduled");
  return [
    `${countBy(report, "published")} published`,
    held ? `${held} held (draft/scheduled)` : "",
    countBy(report, "duplicate") ? `${countBy(report, "duplicate")} duplicate` : "",
    skipped ? `${skipped} skipped` : "",
    `${countLevel(report, "warning")} warnings`,
    `${countBy(report, "error")} files with errors`,
    `${seconds.toFixed(2)} s`,
  ]
    .filter(Boolean)
    .join(", ");
}

/** How much of the site a build wrote: "Pages: 23 of 13091 written (the rest unchanged), 1 removed; search index 9.1 s". */
export function pagesLine({ written, total, removed }: { written: number; total: number; removed: number }, searched?: SearchMade): string {
  const pages = written === total ? `${total} written` : `${written} of ${total} written (the rest unchanged)`;
  const search = searched === undefined ? "search index unchanged" : `search index ${searched.seconds.toFixed(2)} s (${searchPartsMade(searched)})`;
  return `Pages: ${pages}${removed ? `, ${removed} removed` : ""}; ${search}`;
}

/** "3 parts, 10000 articles", "1 of 3 parts, 4699 articles; 1 from .cache/search": which parts of the index a build made, and how many it found made. */
function searchPartsMade({ made, parts, articles, stored }: SearchMade): string {
  const count = made === parts ? `${parts} part${parts === 1 ? "" : "s"}` : `${made} of ${parts} parts`;
  return `${count}, ${articles} article${articles === 1 ? "" : "s"}${stored ? `; ${stored} from .cache/search` : ""}`;
}
