/**
 * `npm run check` for people: one row per file under the seeds folder, with
 * its status, what was guessed (fields not written in front matter, and where
 * they came from) and what to fix (errors and warnings, with their line).
 *
 *   File                 Status     Guessed                  To fix
 *   seeds/storm.md       published  date: from git           no date written; used the file's first git commit…
 *
 * On a terminal the two last columns wrap to its width; elsewhere (a pipe, a
 * file) nothing wraps, so every message stays on one line for grep.
 */
import type { ReportEntry } from "./entry.ts";
import { printable } from "./print.ts";

const SOURCE_WORDS: Record<string, string> = {
  inline: "read from the text",
  inferred: "guessed",
  filename: "from the file name",
  git: "from git",
  mtime: "from the file time",
  story: "from its story",
  default: "default",
};

export function guessed(e: ReportEntry): string[] {
  return Object.entries(e.sources)
    .filter(([, s]) => s !== "front-matter")
    .map(([field, s]) => `${field}: ${SOURCE_WORDS[s] ?? s}`);
}

export function toFix(e: ReportEntry): string[] {
  const held =
    e.status === "draft" ? ["not published: a draft (set `draft: false` to publish)"]
    : e.status === "scheduled" ? [`not published before ${e.date}`]
    : [];
  return [
    ...held,
    ...e.messages
      .filter((m) => m.level !== "info" || e.status === "skipped")
      .map((m) => `${m.level === "error" ? "error: " : ""}${m.line ? `line ${m.line}: ` : ""}${printable(m.message)}`),
  ];
}

/** Wrap at spaces to `width` (hard-break longer words); `Infinity` keeps the line. */
export function wrap(text: string, width: number): string[] {
  if (text.length <= width) return [text];
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    let w = word;
    while (w.length > width) {
      if (line) lines.push(line);
      line = "";
      lines.push(w.slice(0, width));
      w = w.slice(width);
    }
    if (!line) line = w;
    else if (line.length + 1 + w.length <= width) line += ` ${w}`;
    else {
      lines.push(line);
      line = w;
    }
  }
  if (line) lines.push(line);
  return lines;
}

export interface TableOptions {
  /** Terminal width to wrap to; undefined: never wrap. */
  columns?: number;
}

export function reportTable(report: readonly ReportEntry[], seedsLabel: string, { columns }: TableOptions = {}): string {
  const header = ["File", "Status", "Guessed", "To fix"];
  const rows = report.map((e) => [[`${seedsLabel}/${printable(e.file)}`], [e.status], guessed(e), toFix(e)]);
  const gap = "  ";
  const natural = (i: number) => Math.max(header[i]!.length, ...rows.flatMap((r) => r[i]!.map((l) => l.length)));
  let widths = [0, 1, 2, 3].map(natural);
  if (columns !== undefined) {
    // File and status keep their width (up to half the screen); guessed and to-fix share the rest, to-fix first.
    const file = Math.min(widths[0]!, Math.max(20, Math.floor(columns / 2)));
    const left = Math.max(30, columns - file - widths[1]! - gap.length * 3);
    const guess = Math.min(widths[2]!, Math.max(12, Math.floor(left * 0.4)));
    widths = [file, widths[1]!, guess, Math.max(12, left - guess)];
  }
  const lines: string[] = [];
  const emit = (cells: string[][]) => {
    const wrapped = cells.map((cell, i) => (cell.length ? cell : [""]).flatMap((l) => (columns === undefined ? [l] : wrap(l, widths[i]!))));
    const height = Math.max(...wrapped.map((c) => c.length));
    for (let row = 0; row < height; row++) {
      const parts = wrapped.map((c, i) => (i === wrapped.length - 1 ? (c[row] ?? "") : (c[row] ?? "").padEnd(widths[i]!)));
      lines.push(parts.join(gap).trimEnd());
    }
  };
  emit(header.map((h) => [h]));
  lines.push(widths.map((w, i) => "─".repeat(i === widths.length - 1 ? Math.min(w, 40) : w)).join(gap));
  rows.forEach((r, i) => {
    // On a terminal, wrapped rows are told apart by a blank line.
    if (columns !== undefined && i > 0) lines.push("");
    emit(r);
  });
  return lines.join("\n");
}
