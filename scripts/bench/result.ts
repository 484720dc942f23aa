// One row of the benchmark table, and how a raw measurement becomes one.
import type { Measurement } from './measure.ts';

/**
 * `ours` is the cold full build compared with the baselines; the other `ours-*` rows
 * are the later steps of the same run (scripts/bench/steps.ts); `ours-preview-*` time
 * how soon `npm start` shows an edit (scripts/bench/preview.ts).
 */
export type ToolName =
  | 'ours'
  | 'ours-search'
  | 'ours-unchanged'
  | 'ours-changed'
  | 'ours-added'
  | 'ours-photo'
  | 'ours-preview-changed'
  | 'ours-preview-added'
  | 'eleventy'
  | 'hugo'
  | 'stories';
export type Status = 'ok' | 'failed' | 'timeout' | 'unavailable';

export interface ToolResult {
  tool: ToolName;
  /** What the row measures, e.g. "ours (full site)". */
  label: string;
  size: number;
  status: Status;
  /** Null only when the tool never ran; failed runs keep their time and memory. */
  wallSeconds: number | null;
  peakRssMB: number | null;
  maxProcRssMB: number | null;
  /** User + system CPU seconds of the process tree, when GNU time is available. */
  cpuSeconds: number | null;
  /** .html files in the output (pages written, for a rebuild); null when the tool does not write pages. */
  pages: number | null;
  /** For a rebuild: pages the site has, of which `pages` were written. */
  pagesTotal?: number;
  pagesPerSecond: number | null;
  /** One-minute load average when the run started: other work on the machine slows it. */
  load: number | null;
  /** How many runs the row is the fastest of (see --repeat). */
  runs?: number;
  /** Why it failed (with the stderr tail), or the tool's own summary line. */
  note?: string;
}

const TAIL_LINES = 15;

/** Last lines of a stream, for a failure note. */
export function lastLines(text: string, n = TAIL_LINES): string {
  return text.trimEnd().split('\n').slice(-n).join('\n');
}

export function fromMeasurement(
  tool: ToolName,
  label: string,
  size: number,
  m: Measurement,
  pages: number | null,
  note?: string,
): ToolResult {
  const ok = m.exitCode === 0 && !m.timedOut && m.signal === null;
  let status: Status = 'ok';
  let why = note;
  if (m.timedOut) {
    status = 'timeout';
    why = `killed after ${m.wallSeconds.toFixed(0)} s\n${lastLines(m.stderrTail)}`;
  } else if (!ok) {
    status = 'failed';
    const how = m.signal !== null ? `killed by ${m.signal}` : `exit code ${m.exitCode ?? 'none'}`;
    // Some tools (npm, tsx) report errors on stdout, so fall back to it.
    why = `${how}\n${lastLines(m.stderrTail.trim() !== '' ? m.stderrTail : m.stdoutTail)}`;
  }
  return {
    tool,
    label,
    size,
    status,
    wallSeconds: m.wallSeconds,
    peakRssMB: m.peakTreeRssMB,
    maxProcRssMB: m.maxProcRssMB,
    cpuSeconds: m.cpuSeconds,
    pages,
    pagesPerSecond: ok && pages !== null && m.wallSeconds > 0 ? pages / m.wallSeconds : null,
    load: m.loadAtStart,
    ...(why !== undefined ? { note: why } : {}),
  };
}

export function unavailable(tool: ToolName, label: string, size: number, reason: string): ToolResult {
  return { tool, label, size, status: 'unavailable', wallSeconds: null, peakRssMB: null, maxProcRssMB: null, cpuSeconds: null, pages: null, pagesPerSecond: null, load: null, note: reason };
}

/**
 * The fastest of several runs of one row: other work on a shared 2-core machine only
 * ever makes a run slower, so the minimum is the least noisy estimate. A failed run
 * replaces the best and stays: repeating would only hide it.
 */
export class Fastest {
  private best: ToolResult | undefined;
  private runs = 0;

  add(r: ToolResult): void {
    this.runs++;
    if (this.failed) return;
    if (this.best === undefined || r.status !== 'ok' || (r.wallSeconds ?? Infinity) < (this.best.wallSeconds ?? Infinity)) this.best = r;
  }

  get failed(): boolean {
    return this.best !== undefined && this.best.status !== 'ok';
  }

  result(): ToolResult | undefined {
    return this.best === undefined ? undefined : { ...this.best, runs: this.runs };
  }
}
