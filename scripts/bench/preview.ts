// How soon `npm start` shows an edit (issue #6: "Republishing after one seed is added or
// changed at 10,000 articles: the `npm start` server shows it within 1 s").
//
// After the rebuild rows, on the same working copy of the corpus (bench/out/seeds-<size>/,
// already edited by them), into an output folder of its own (bench/out/preview-<size>/):
//
//   1. untimed: `npm run check -- --json --drafts` on the copy gives the URL of the seed
//      the rebuild rows edit; then `npm start -- --seeds <copy> --out <out> --port <free>
//      --now BUILD_NOW` from the snapshot, until it prints "Preview … at <url>" and serves
//      its home page (the first full build; its time goes in the notes), then until its
//      file watcher has stopped adding watches: it says it is serving while still adding
//      them (about 3 s at 10,000 seeds), and an edit to a seed not yet watched is lost.
//   2. "one seed changed": editSeed rewrites the last word of that seed's last sentence;
//      timed from just before the file is written until a GET of the article's page
//      returns HTML with one more occurrence of the new word than before the edit.
//   3. "one seed added": addSeed writes the next generated article; timed from just before
//      it is written until the preview has printed the first `[newsroom] …/<file>: <status>
//      → <url>` line for it (`previewed`: its page shown before the rebuild) and a GET of
//      that URL returns the page (200, HTML); of the URL a later line names, should the
//      rebuild move it (an undated article dated from its story) before a GET saw it.
//   4. The server is stopped (SIGINT to its process group, then SIGTERM, then SIGKILL)
//      whatever happened, and the run waits until no process of the group is left.
//
// Pages are polled every POLL_MS. Before the next edit the run waits until the preview
// has finished its rebuild ("[11ty] … Wrote N files in X seconds") and gone quiet, so
// one edit's rebuild never overlaps the next. With --repeat N both edits are made N
// times (a new word, a new article each time) and the fastest is kept.

import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { addSeed, changedWord, editSeed } from './edits.ts';
import { countFiles, removeDir } from './fsutil.ts';
import { groupAlive, inotifyWatches, killGroup, sampleTree, trackGroup, untrackGroup, type TreeSample } from './measure.ts';
import { BUILD_NOW } from './ours.ts';
import { Fastest, lastLines, type Status, type ToolName, type ToolResult } from './result.ts';

export const PREVIEW_LABELS = {
  'ours-preview-changed': 'ours: preview shows one seed changed',
  'ours-preview-added': 'ours: preview shows one seed added',
} as const satisfies Partial<Record<ToolName, string>>;

export type PreviewStep = keyof typeof PREVIEW_LABELS;

const POLL_MS = 15;
const SAMPLE_MS = 100;
/** No output for this long after a rebuild's last line: the preview is idle. */
const QUIET_MS = 300;
const STOP_GRACE_MS = 10_000;
const READY_RE = /Preview \(drafts included\) at (https?:\/\/[^\s/]+\/)/;
const BUILT_RE = /^\[11ty\] .*\bWrote \d+ files? in ([\d.]+) seconds?/;

export interface PreviewOptions {
  /** Where `npm start` runs: the snapshot of the working tree. */
  repoRoot: string;
  /** The working copy of the corpus; edited in place. */
  seedsDir: string;
  /** The preview's own output folder (replaced). */
  outDir: string;
  size: number;
  repeat: number;
  /** The seed whose last sentence is changed (editableSeed). */
  edited: string;
  /** Variant of the first edit: after the rebuild rows' (changeSentence always changes the text). */
  firstVariant: number;
  /** Index of the first article added: one past every seed added so far. */
  nextIndex: number;
  /** Limit for the URL lookup and for the first build to be served. */
  startTimeoutMs: number;
  /** Limit for each timed edit to show. */
  changeTimeoutMs: number;
  keep: boolean;
  onRun?: (r: ToolResult) => void;
  log?: (line: string) => void;
}

const secs = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A port nothing listens on now (the preview gets it a moment later). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr !== null ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

interface Waiter {
  test: () => boolean;
}

/**
 * `npm start` in its own process group, with its output kept line by line: stdout and
 * stderr together, as a terminal shows them (the server prints its address on stderr).
 */
class PreviewServer {
  readonly lines: string[] = [];
  private partial = { stdout: '', stderr: '' };
  private waiters = new Set<Waiter>();
  exit: string | undefined;
  private readonly child: ChildProcess;
  readonly pgid: number | undefined;

  constructor(repoRoot: string, args: readonly string[]) {
    // detached: its own process group, which is what stop() signals.
    this.child = spawn('npm', ['start', '--', ...args], {
      cwd: repoRoot,
      env: { ...process.env, npm_config_update_notifier: 'false' },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.pgid = this.child.pid;
    if (this.pgid !== undefined) trackGroup(this.pgid);
    for (const stream of ['stdout', 'stderr'] as const) {
      this.child[stream]?.on('data', (c: Buffer) => {
        const parts = (this.partial[stream] + c.toString('utf8')).split('\n');
        this.partial[stream] = parts.pop() ?? '';
        this.lines.push(...parts.filter((l) => !l.startsWith('npm warn')));
        this.wake();
      });
    }
    this.child.once('error', (err) => {
      this.exit = `could not start npm: ${err.message}`;
      this.wake();
    });
    this.child.once('exit', (code, signal) => {
      this.exit = signal !== null ? `killed by ${signal}` : `exit code ${code ?? 'none'}`;
      this.wake();
    });
  }

  private wake(): void {
    for (const w of [...this.waiters]) if (w.test()) this.waiters.delete(w);
  }

  /** Lines being written (no newline yet). */
  private partials(): string[] {
    return [this.partial.stdout, this.partial.stderr].filter((l) => l !== '');
  }

  /** The last lines of output, for a note. */
  tail(n = 15): string {
    return lastLines([...this.lines, ...this.partials()].join('\n'), n);
  }

  /**
   * The first value `match` finds in a complete output line from `from` on (and, with
   * `partial`, in the line still being written); undefined when `deadline`
   * (performance.now()) passes or the server exits first.
   */
  waitFor<T>(match: (line: string) => T | undefined, from: number, deadline: number, partial = false): Promise<{ value: T; index: number } | undefined> {
    return new Promise((resolve) => {
      let next = from;
      let timer: NodeJS.Timeout | undefined;
      const waiter: Waiter = {
        test: () => {
          for (; next < this.lines.length; next++) {
            const value = match(this.lines[next] ?? '');
            if (value !== undefined) return finish({ value, index: next });
          }
          if (partial) {
            for (const line of this.partials()) {
              const value = match(line);
              if (value !== undefined) return finish({ value, index: this.lines.length });
            }
          }
          if (this.exit !== undefined || performance.now() >= deadline) return finish(undefined);
          return false;
        },
      };
      const finish = (r: { value: T; index: number } | undefined): true => {
        clearTimeout(timer);
        resolve(r);
        return true;
      };
      if (waiter.test()) return;
      this.waiters.add(waiter);
      timer = setTimeout(() => {
        if (this.waiters.delete(waiter)) resolve(undefined);
      }, Math.max(0, deadline - performance.now()));
    });
  }

  /** Resolves once nothing was printed for `quietMs` (or at `deadline`). */
  async quiet(quietMs: number, deadline: number): Promise<void> {
    let seen = -1;
    while (performance.now() < deadline && this.exit === undefined) {
      const now = this.lines.length + this.partial.stdout.length + this.partial.stderr.length;
      if (now === seen) return;
      seen = now;
      await sleep(quietMs);
    }
  }

  /**
   * SIGINT to the whole group (npm, its shell, the server), then SIGTERM, then SIGKILL,
   * until no process of the group is left. Returns what it had to do beyond SIGINT.
   */
  async stop(): Promise<string | undefined> {
    const pgid = this.pgid;
    if (pgid === undefined) return undefined;
    let how: string | undefined;
    const gone = async (ms: number): Promise<boolean> => {
      const until = performance.now() + ms;
      while (groupAlive(pgid)) {
        if (performance.now() >= until) return false;
        await sleep(50);
      }
      return true;
    };
    for (const [signal, ms] of [['SIGINT', STOP_GRACE_MS], ['SIGTERM', 5000]] as const) {
      if (!groupAlive(pgid)) break;
      if (signal !== 'SIGINT') how = `the server did not stop on SIGINT within ${secs(STOP_GRACE_MS)}; sent ${signal}`;
      try {
        process.kill(-pgid, signal);
      } catch {
        // already gone
      }
      if (await gone(ms)) break;
    }
    if (groupAlive(pgid)) {
      how = 'the server did not stop on SIGINT or SIGTERM; killed';
      killGroup(pgid);
      await gone(5000);
    }
    untrackGroup(pgid);
    return how;
  }
}

/** A GET that never throws: status 0 when nothing answered. */
async function get(url: string): Promise<{ status: number; type: string; body: string }> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5000), headers: { 'cache-control': 'no-cache' } });
    return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
  } catch {
    return { status: 0, type: '', body: '' };
  }
}

/** Polls `url` (or the URL it gives each time) every POLL_MS until `accept` says yes; the time it did, or undefined at the deadline. */
async function pollPage(url: string | (() => string), accept: (r: { status: number; type: string; body: string }) => boolean, deadline: number, server: PreviewServer): Promise<number | undefined> {
  while (performance.now() < deadline && server.exit === undefined) {
    if (accept(await get(typeof url === 'string' ? url : url()))) return performance.now();
    await sleep(POLL_MS);
  }
  return undefined;
}

const isHtml = (r: { status: number; type: string; body: string }): boolean => r.status === 200 && (r.type.includes('html') || /<html[\s>]/i.test(r.body));

/**
 * The URL the preview gives `rel`, from `npm run check -- --json --drafts` with the
 * preview's --now (same seeds, same drafts rule); run from `repoRoot`, untimed.
 */
export async function urlOf(repoRoot: string, seedsDir: string, rel: string, timeoutMs: number): Promise<string> {
  const args = ['--silent', 'run', 'check', '--', '--seeds', seedsDir, '--json', '--drafts', '--now', BUILD_NOW];
  const child = spawn('npm', args, { cwd: repoRoot, env: { ...process.env, npm_config_update_notifier: 'false' }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  let err = '';
  child.stdout.on('data', (c: Buffer) => out.push(c));
  child.stderr.on('data', (c: Buffer) => {
    err = (err + c.toString('utf8')).slice(-8192);
  });
  const pgid = child.pid;
  if (pgid !== undefined) trackGroup(pgid);
  const timer = setTimeout(() => pgid !== undefined && killGroup(pgid), timeoutMs);
  const code = await new Promise<number | null>((resolve) => {
    child.once('error', () => resolve(null));
    child.once('close', (c) => resolve(c));
  });
  clearTimeout(timer);
  if (pgid !== undefined) untrackGroup(pgid);
  const text = Buffer.concat(out).toString('utf8');
  const start = text.indexOf('{');
  let files: Array<{ file?: unknown; url?: unknown }> | undefined;
  try {
    files = (JSON.parse(start < 0 ? '' : text.slice(start)) as { files?: Array<{ file?: unknown; url?: unknown }> }).files;
  } catch {
    throw new Error(`npm run check --json gave no JSON (exit code ${code ?? 'none'})\n${lastLines(err)}`);
  }
  const entry = files?.find((f) => f.file === rel);
  if (typeof entry?.url !== 'string') throw new Error(`npm run check --json has no URL for ${rel}${entry ? ' (not published)' : ''}`);
  return entry.url;
}

/** Memory and CPU of the server's tree over a timed window, sampled every SAMPLE_MS. */
class Window {
  private peakTreeKB = 0;
  private peakProcKB = 0;
  private readonly cpuAtStart: number;
  private readonly timer: NodeJS.Timeout | undefined;
  readonly load = Math.round((loadavg()[0] ?? 0) * 100) / 100;

  constructor(private readonly pgid: number | undefined) {
    this.cpuAtStart = this.sample()?.cpuSeconds ?? 0;
    if (pgid !== undefined) this.timer = setInterval(() => this.sample(), SAMPLE_MS);
  }

  private sample(): TreeSample | undefined {
    if (this.pgid === undefined) return undefined;
    const s = sampleTree(this.pgid);
    this.peakTreeKB = Math.max(this.peakTreeKB, s.treeKB);
    this.peakProcKB = Math.max(this.peakProcKB, s.largestKB);
    return s;
  }

  end(): { peakRssMB: number | null; maxProcRssMB: number | null; cpuSeconds: number | null } {
    clearInterval(this.timer);
    const last = this.sample();
    if (last === undefined || this.peakTreeKB === 0) return { peakRssMB: null, maxProcRssMB: null, cpuSeconds: null };
    return { peakRssMB: this.peakTreeKB / 1024, maxProcRssMB: this.peakProcKB / 1024, cpuSeconds: Math.max(0, last.cpuSeconds - this.cpuAtStart) };
  }
}

function previewRow(step: PreviewStep, size: number, status: Status, latencyMs: number | null, w: ReturnType<Window['end']> | null, load: number | null, note: string): ToolResult {
  return {
    tool: step,
    label: PREVIEW_LABELS[step],
    size,
    status,
    wallSeconds: latencyMs === null ? null : latencyMs / 1000,
    peakRssMB: w?.peakRssMB ?? null,
    maxProcRssMB: w?.maxProcRssMB ?? null,
    cpuSeconds: w?.cpuSeconds ?? null,
    pages: null,
    pagesPerSecond: null,
    load,
    note,
  };
}

/**
 * Waits until the server's file watcher has stopped adding inotify watches: stable for
 * 1 s once there are at least as many as seed files, or for 5 s whatever the number.
 * A safeguard: an earlier preview said it was serving while its watcher was still
 * adding watches (about 3 s at 10,000 seeds), and an edit to a seed not yet watched
 * was never seen. Undefined where /proc shows no watches.
 */
async function watcherSettled(server: PreviewServer, files: number, deadline: number): Promise<{ watches: number; afterMs: number } | undefined> {
  const pgid = server.pgid;
  const start = performance.now();
  let last = pgid === undefined ? undefined : inotifyWatches(pgid);
  if (pgid === undefined || last === undefined) return undefined;
  let since = start;
  while (performance.now() < deadline && server.exit === undefined) {
    await sleep(100);
    const n = inotifyWatches(pgid) ?? 0;
    if (n !== last) {
      last = n;
      since = performance.now();
      continue;
    }
    const stable = performance.now() - since;
    if ((n >= files && stable >= 1000) || stable >= 5000) break;
  }
  return { watches: last, afterMs: since - start };
}

/** After a shown edit: waits for the rebuild to end and the output to go quiet; Eleventy's own time for it. */
async function settle(server: PreviewServer, from: number, deadline: number): Promise<string> {
  const built = await server.waitFor((l) => BUILT_RE.exec(l)?.[1], from, deadline);
  await server.quiet(QUIET_MS, deadline);
  return built ? `Eleventy's rebuild ${Number(built.value).toFixed(2)} s` : 'no "Wrote N files" line after it';
}

interface Context {
  server: PreviewServer;
  base: string;
  o: PreviewOptions;
  started: string;
}

/** Time until the preview shows one more changed word in the edited seed's page. */
async function timeChanged(c: Context, url: string, variant: number): Promise<ToolResult> {
  const { server, o } = c;
  const step = 'ours-preview-changed';
  const file = join(o.seedsDir, o.edited);
  const { to } = changedWord(readFileSync(file, 'utf8'), variant);
  const page = new URL(url, c.base).href;
  const count = (body: string): number => body.match(new RegExp(`\\b${escapeRe(to)}\\b`, 'g'))?.length ?? 0;
  const before = await get(page);
  if (!isHtml(before)) return previewRow(step, o.size, 'failed', null, null, null, `the page of ${o.edited} (${url}) was not served before the edit: status ${before.status}; ${c.started}`);
  const had = count(before.body);
  const what = `changed the last word of ${o.edited} to "${to}", ${url}`;

  const from = server.lines.length;
  const w = new Window(server.pgid);
  const t0 = performance.now();
  editSeed(o.seedsDir, o.edited, variant);
  const deadline = t0 + o.changeTimeoutMs;
  const shown = await pollPage(page, (r) => isHtml(r) && count(r.body) > had, deadline, server);
  const usage = w.end();
  if (shown === undefined) {
    const status: Status = server.exit === undefined ? 'timeout' : 'failed';
    const unseen = server.lines.slice(from).some((l) => l.includes(o.edited)) ? '' : ' (the preview printed nothing about it: its watcher missed the edit)';
    const why = server.exit === undefined ? `not shown after ${secs(o.changeTimeoutMs)}${unseen}` : `the server stopped (${server.exit})`;
    return previewRow(step, o.size, status, performance.now() - t0, usage, w.load, `${what}: ${why}; ${c.started}\n${server.tail()}`);
  }
  const rebuilt = await settle(server, from, performance.now() + o.changeTimeoutMs);
  return previewRow(step, o.size, 'ok', shown - t0, usage, w.load, `${what}; ${rebuilt}; ${c.started}`);
}

/** Time until the preview names the added seed's URL and serves its page. */
async function timeAdded(c: Context, index: number): Promise<ToolResult> {
  const { server, o } = c;
  const step = 'ours-preview-added';
  const from = server.lines.length;
  const w = new Window(server.pgid);
  const t0 = performance.now();
  const rel = addSeed(o.seedsDir, index);
  const deadline = t0 + o.changeTimeoutMs;
  // "[newsroom] <seeds label>/<rel>: <status>[ → <url>]"
  const lineRe = new RegExp(`^\\[newsroom\\] .*/${escapeRe(rel)}: (\\S+)(?: → (\\S+))?$`);
  const named = await server.waitFor((l) => {
    const m = lineRe.exec(l);
    return m ? { status: m[1] ?? '', url: m[2] } : undefined;
  }, from, deadline);
  let shown: number | undefined;
  let url = named?.value.url;
  if (url !== undefined) {
    // An undated article's early page is at its own date; the rebuild may date it from its story and move
    // it (preview-fast.ts), removing the early page, sometimes before a poll has seen it: so each poll
    // asks for the page at the URL the preview named last.
    const first = url;
    const latest = (): string => {
      for (let i = server.lines.length - 1; i > named!.index; i--) {
        const moved = lineRe.exec(server.lines[i] ?? '')?.[2];
        if (moved !== undefined) return moved;
      }
      return first;
    };
    shown = await pollPage(() => new URL(latest(), c.base).href, isHtml, deadline, server);
    url = latest();
  }
  const usage = w.end();
  const what = `added ${rel}${url === undefined ? '' : `, ${url}`}`;
  if (shown === undefined) {
    let why: string;
    let status: Status = 'failed';
    if (server.exit !== undefined) why = `the server stopped (${server.exit})`;
    else if (named !== undefined && url === undefined) why = `the preview reported it ${named.value.status}, with no URL`;
    else {
      status = 'timeout';
      const unseen = server.lines.slice(from).some((l) => l.includes(rel)) ? '' : ' (the preview printed nothing about it: its watcher missed it)';
      why = named === undefined ? `no [newsroom] line for it after ${secs(o.changeTimeoutMs)}${unseen}` : `its page was not served after ${secs(o.changeTimeoutMs)}`;
    }
    return previewRow(step, o.size, status, performance.now() - t0, usage, w.load, `${what}: ${why}; ${c.started}\n${server.tail()}`);
  }
  const rebuilt = await settle(server, from, performance.now() + o.changeTimeoutMs);
  return previewRow(step, o.size, 'ok', shown - t0, usage, w.load, `${what}; ${rebuilt}; ${c.started}`);
}

/**
 * Runs the preview rows at one size: always two rows (changed, added), failed or timed
 * out with a note when the preview could not be measured. Never throws, and leaves no
 * process of the preview running.
 */
export async function runPreviewSteps(o: PreviewOptions): Promise<ToolResult[]> {
  const changed = new Fastest();
  const added = new Fastest();
  const add = (best: Fastest, r: ToolResult): void => {
    best.add(r);
    o.onRun?.(r);
  };
  let server: PreviewServer | undefined;
  let failure: { status: Status; note: string } | undefined;
  let urlProblem: string | undefined;
  let stopNote: string | undefined;
  try {
    let url: string | undefined;
    try {
      url = await urlOf(o.repoRoot, o.seedsDir, o.edited, o.startTimeoutMs);
    } catch (err) {
      urlProblem = `could not find the URL of ${o.edited}: ${err instanceof Error ? err.message : String(err)}`;
    }

    removeDir(o.outDir);
    const port = await freePort();
    const t0 = performance.now();
    server = new PreviewServer(o.repoRoot, ['--seeds', o.seedsDir, '--out', o.outDir, '--port', String(port), '--now', BUILD_NOW]);
    const deadline = t0 + o.startTimeoutMs;
    const ready = await server.waitFor((l) => READY_RE.exec(l)?.[1], 0, deadline, true);
    // The server prints its address when it starts listening; its home page is the proof it serves the build.
    const home = ready === undefined ? undefined : await pollPage(ready.value, isHtml, deadline, server);
    if (ready === undefined || home === undefined) {
      const why = server.exit !== undefined ? `the preview exited (${server.exit}) before serving` : `the preview did not serve its first build within ${secs(o.startTimeoutMs)}`;
      failure = { status: server.exit !== undefined ? 'failed' : 'timeout', note: `${why}\n${server.tail()}` };
    } else {
      const watcher = await watcherSettled(server, countFiles(o.seedsDir, ''), deadline);
      const watching = watcher === undefined ? '' : `, its watcher complete (${watcher.watches.toLocaleString('en-US')} inotify watches) ${secs(watcher.afterMs)} later`;
      const started = `first build served ${secs(home - t0)} after npm start${watching} (untimed)`;
      o.log?.(`${o.size}: preview serving at ${ready.value}, ${started}`);
      const c: Context = { server, base: ready.value, o, started };
      await server.quiet(QUIET_MS, performance.now() + o.changeTimeoutMs);
      for (let i = 0; i < o.repeat; i++) {
        if (url !== undefined && !changed.failed) add(changed, await timeChanged(c, url, o.firstVariant + i));
        if (!added.failed) add(added, await timeAdded(c, o.nextIndex + i));
      }
    }
  } catch (err) {
    failure = { status: 'failed', note: `the preview benchmark failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}${server ? `\n${server.tail()}` : ''}` };
  } finally {
    stopNote = await server?.stop();
    if (stopNote !== undefined) o.log?.(`${o.size}: ${stopNote}`);
    if (server?.pgid !== undefined && !groupAlive(server.pgid)) {
      // A server that had to be killed leaves its lock beside the output folder.
      rmSync(join(dirname(o.outDir), `.${basename(o.outDir)}.lock`), { force: true });
    }
    if (!o.keep) removeDir(o.outDir);
  }
  const fallback = (step: PreviewStep, why?: string): ToolResult =>
    failure !== undefined
      ? previewRow(step, o.size, failure.status, null, null, null, failure.note)
      : previewRow(step, o.size, 'failed', null, null, null, why ?? 'not measured');
  const rows = [changed.result() ?? fallback('ours-preview-changed', urlProblem), added.result() ?? fallback('ours-preview-added')];
  return stopNote === undefined ? rows : rows.map((r) => ({ ...r, note: `${r.note ?? ''}; ${stopNote}` }));
}
