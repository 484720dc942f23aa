/**
 * The editors' view of story coverage: which files report the same event,
 * which repeat another file exactly, and which closely follow one.
 */
import type { ReportEntry } from "./entry.ts";

export function storyLines(report: readonly ReportEntry[]): string[] {
  const stories = new Map<string, ReportEntry[]>();
  for (const e of report) {
    if (!e.story) continue;
    const list = stories.get(e.story);
    if (list) list.push(e);
    else stories.set(e.story, [e]);
  }
  const shared = [...stories].filter(([, members]) => members.length > 1).sort(([a], [b]) => (a < b ? -1 : 1));
  if (shared.length === 0) return [];
  const lines = [`Stories covered by more than one file (${shared.length}):`];
  for (const [id, members] of shared) {
    lines.push(`  ${id}  ${members.length} files  /stories/${id}/`);
    for (const e of members) {
      const note = e.duplicateOf
        ? `duplicate of ${e.duplicateOf} (published once)`
        : e.derivedFrom
          ? `closely follows ${e.derivedFrom.file} (${Math.round(e.derivedFrom.similarity * 100)}% match; canonical link points there)`
          : "";
      lines.push(`    ${e.file}${note ? `  ${note}` : ""}`);
    }
  }
  return lines;
}
