/** The report for people: one line per problem, `file:line: level: message`. */
import type { ReportEntry } from "./entry.ts";
import { countBy, countLevel } from "./entry.ts";

export function problemLines(report: readonly ReportEntry[], seedsLabel: string, levels: ReadonlyArray<"error" | "warning" | "info">): string[] {
  const lines: string[] = [];
  for (const e of report) {
    for (const m of e.messages) {
      if (!levels.includes(m.level)) continue;
      lines.push(`${seedsLabel}/${e.file}${m.line ? `:${m.line}` : ""}: ${m.level}: ${m.message}`);
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
