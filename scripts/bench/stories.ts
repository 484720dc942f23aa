// Story-clustering benchmark (scripts/bench-stories.ts, maintained separately). Run
// only when it exists. It generates its own corpus before timing the clustering, so
// the row's time is the clustering time it reports (`relateStoriesMs` in its --json
// output), not the process's wall time; memory is the whole process's peak.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { measure, type Measurement } from './measure.ts';
import { fromMeasurement, lastLines, type ToolResult } from './result.ts';

const LABEL = 'story clustering (bench-stories)';

export function storiesScript(repoRoot: string): string | undefined {
  const path = join(repoRoot, 'scripts', 'bench-stories.ts');
  return existsSync(path) ? path : undefined;
}

type Summary = Record<string, unknown>;

function parseSummary(stdout: string): Summary | undefined {
  try {
    const value: unknown = JSON.parse(lastLines(stdout, 1));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Summary) : undefined;
  } catch {
    return undefined;
  }
}

const num = (s: Summary, key: string): number | undefined => {
  const v = s[key];
  return typeof v === 'number' ? v : undefined;
};

function describeSummary(s: Summary, m: Measurement): string {
  const parts = [`whole process: wall ${m.wallSeconds.toFixed(2)} s${m.cpuSeconds === null ? '' : `, CPU ${m.cpuSeconds.toFixed(1)} s`}`];
  const gen = num(s, 'generateMs');
  if (gen !== undefined) parts.push(`corpus generation ${(gen / 1000).toFixed(2)} s`);
  const stories = num(s, 'stories');
  const events = num(s, 'trueEvents');
  if (stories !== undefined && events !== undefined) parts.push(`${stories} stories for ${events} true events`);
  const p = num(s, 'storyPairPrecision');
  const r = num(s, 'storyPairRecall');
  if (p !== undefined && r !== undefined) parts.push(`same-story pairs precision ${p}, recall ${r}`);
  const cp = num(s, 'copyPrecision');
  const cr = num(s, 'copyRecall');
  if (cp !== undefined && cr !== undefined) parts.push(`copies precision ${cp}, recall ${cr}`);
  return parts.join('; ');
}

export async function runStories(repoRoot: string, script: string, size: number, timeoutMs: number): Promise<ToolResult> {
  // --expose-gc lets the script take its baseline memory after a full collection.
  const m = await measure(process.execPath, ['--expose-gc', '--import', 'tsx', script, '--n', String(size), '--json'], { cwd: repoRoot, timeoutMs });
  const result = fromMeasurement('stories', LABEL, size, m, null);
  if (result.status !== 'ok') return result;
  const summary = parseSummary(m.stdoutTail);
  const clusterMs = summary ? num(summary, 'relateStoriesMs') : undefined;
  if (!summary || clusterMs === undefined) {
    // Output format changed: keep the process's own numbers and show what it printed.
    return { ...result, note: `could not read --json output; wall time is the whole process\n${lastLines(m.stdoutTail, 3)}` };
  }
  // The process's CPU time includes generating the corpus, so it is left out of the row.
  return { ...result, label: `${LABEL}, clustering time`, wallSeconds: clusterMs / 1000, cpuSeconds: null, note: describeSummary(summary, m) };
}
