// Reads the `Pages:` line our build prints last (src/report/print.ts pagesLine), the
// only place that says how much of the site a rebuild wrote and how long the search
// index took. Parsed from the output rather than imported, because the benchmark runs
// the build through its command-line contract like any other tool.

export interface PagesLine {
  /** Pages written by this build. */
  written: number;
  /** Pages the site has after it. */
  total: number;
  /** Pages of the previous site that are gone. */
  removed: number;
  /** Seconds Pagefind took; null when the build did not index ("unchanged", or --no-search). */
  searchSeconds: number | null;
}

// "Pages: 13091 written; search index 9.12 s (3 parts, 10000 articles)"
// "Pages: 23 of 13091 written (the rest unchanged), 1 removed; search index unchanged"
// (Builds before the search index came in parts printed no parenthesis.)
const PAGES = /^Pages: (?:(\d+) of )?(\d+) written(?: \(the rest unchanged\))?(?:, (\d+) removed)?; search index (?:([\d.]+) s(?: \([^)]*\))?|unchanged)\s*$/m;

/** The last `Pages:` line in `stdout`, or undefined when there is none (an older or failed build). */
export function parsePagesLine(stdout: string): PagesLine | undefined {
  const lines = stdout.split('\n').filter((l) => l.startsWith('Pages: '));
  const m = PAGES.exec(lines[lines.length - 1] ?? '');
  if (!m) return undefined;
  const total = Number(m[2]);
  return {
    written: m[1] === undefined ? total : Number(m[1]),
    total,
    removed: m[3] === undefined ? 0 : Number(m[3]),
    searchSeconds: m[4] === undefined ? null : Number(m[4]),
  };
}
