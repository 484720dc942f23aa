// Runs one command and measures wall time and peak memory of its whole process tree.
//
// Two sources, because neither is enough alone:
// - GNU time's %M is the exact peak RSS, but of the single largest process only (it is
//   ru_maxrss of the reaped descendants), so `npm run build` -> tsx -> node, or a build
//   that forks workers, would be under-counted.
// - Sampling /proc every 100 ms gives the sum over the tree, but can miss short spikes.
// The reported tree peak is the larger of the sampled sum and the exact single-process
// peak, which is a lower bound on the true tree peak and usually very close to it.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { constants, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

const GNU_TIME = '/usr/bin/time';
const SAMPLE_MS = 100;
const TAIL_BYTES = 16 * 1024;

export interface Measurement {
  exitCode: number | null;
  /** Signal that killed the command (seen through GNU time when it is used). */
  signal: string | null;
  timedOut: boolean;
  wallSeconds: number;
  /** Peak of the summed RSS of every process in the tree (see top of file), MB. */
  peakTreeRssMB: number;
  /** Peak RSS of the largest single process, MB. */
  maxProcRssMB: number;
  /**
   * User + system CPU seconds of the whole tree (GNU time %U + %S, which include every
   * reaped descendant); null without GNU time. Far less sensitive than wall time to
   * other work competing for the same cores.
   */
  cpuSeconds: number | null;
  rssSource: 'gnu-time+proc' | 'proc';
  /** One-minute load average just before the command started. */
  loadAtStart: number;
  stdoutTail: string;
  stderrTail: string;
}

/** How memory is measured on this machine, for the report. */
export function rssMethod(): string {
  return existsSync(GNU_TIME) ? 'GNU time %M + /proc sampling' : '/proc sampling';
}

export interface MeasureOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs: number;
}

/** Keeps the last `max` bytes of a stream: enough to show why a build failed. */
class Tail {
  private chunks: Buffer[] = [];
  private size = 0;

  constructor(private readonly max: number) {}

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.size - (this.chunks[0]?.length ?? 0) >= this.max && this.chunks.length > 1) {
      this.size -= this.chunks.shift()?.length ?? 0;
    }
  }

  toString(): string {
    const all = Buffer.concat(this.chunks);
    return all.subarray(Math.max(0, all.length - this.max)).toString('utf8');
  }
}

const kbToMB = (kb: number): number => kb / 1024;

// Children of every live process, from /proc/<pid>/stat: this kernel has no
// /proc/<pid>/task/<tid>/children, so the whole table is read each sample.
function parentMap(): Map<number, number[]> {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // exited while we looked
    }
    // The command name is in parentheses and may itself contain spaces or ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ppid = Number(fields[1]);
    const list = children.get(ppid);
    if (list) list.push(pid);
    else children.set(ppid, [pid]);
  }
  return children;
}

function descendants(root: number, includeRoot: boolean): number[] {
  const children = parentMap();
  const out: number[] = includeRoot ? [root] : [];
  const stack = [...(children.get(root) ?? [])];
  while (stack.length > 0) {
    const pid = stack.pop();
    if (pid === undefined) break;
    out.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return out;
}

function statusKB(pid: number): { rss: number; hwm: number } | undefined {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const rss = /^VmRSS:\s+(\d+) kB/m.exec(status);
  const hwm = /^VmHWM:\s+(\d+) kB/m.exec(status);
  return { rss: Number(rss?.[1] ?? 0), hwm: Number(hwm?.[1] ?? 0) };
}

/** What a process tree holds now: summed and largest RSS, and CPU time so far. */
export interface TreeSample {
  treeKB: number;
  largestKB: number;
  /** User + system CPU seconds of the live processes of the tree (reaped ones are not counted). */
  cpuSeconds: number;
}

// USER_HZ, the unit of utime and stime in /proc/<pid>/stat: 100 on every Linux port that Node runs on.
const CLOCK_TICKS = 100;

function cpuTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of stat (utime, stime), counted here from field 3 (state).
    return Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
  } catch {
    return 0;
  }
}

/** RSS and CPU time of `root` and its descendants now (for a long-running server). */
export function sampleTree(root: number): TreeSample {
  let treeKB = 0;
  let largestKB = 0;
  let ticks = 0;
  for (const pid of descendants(root, true)) {
    const s = statusKB(pid);
    if (!s) continue;
    treeKB += s.rss;
    largestKB = Math.max(largestKB, s.rss);
    ticks += cpuTicks(pid);
  }
  return { treeKB, largestKB, cpuSeconds: ticks / CLOCK_TICKS };
}

/** Live processes of group `pgid` (zombies left out). */
function groupPids(pgid: number): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid && fields[0] !== 'Z') pids.push(pid);
    } catch {
      // exited while we looked
    }
  }
  return pids;
}

/**
 * Whether any process of group `pgid` is still alive (zombies count as gone: in a
 * container nobody may ever reap a server's orphaned children).
 */
export function groupAlive(pgid: number): boolean {
  return groupPids(pgid).length > 0;
}

/**
 * inotify watches the processes of group `pgid` hold (one per watched file or folder
 * for a chokidar watcher); undefined where /proc does not show them.
 */
export function inotifyWatches(pgid: number): number | undefined {
  let n = 0;
  let readable = false;
  for (const pid of groupPids(pgid)) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fdinfo`);
      readable = true;
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        n += readFileSync(`/proc/${pid}/fdinfo/${fd}`, 'utf8').match(/^inotify /gm)?.length ?? 0;
      } catch {
        // closed while we looked
      }
    }
  }
  return readable ? n : undefined;
}

/**
 * Makes Ctrl-C (or SIGTERM) on the harness kill process group `pgid` too, until
 * `untrackGroup`; for a command started without `measure`.
 */
export function trackGroup(pgid: number): void {
  installInterruptHandler();
  running.add(pgid);
}

export function untrackGroup(pgid: number): void {
  running.delete(pgid);
}

// Process groups still running, so Ctrl-C on the harness does not leave a build behind.
const running = new Set<number>();
let interruptHandlerInstalled = false;
function installInterruptHandler(): void {
  if (interruptHandlerInstalled) return;
  interruptHandlerInstalled = true;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      for (const pgid of running) killGroup(pgid);
      process.exit(130);
    });
  }
}

function signalName(n: number): string {
  const entry = Object.entries(constants.signals).find(([, v]) => v === n);
  return entry ? entry[0] : `signal ${n}`;
}

export function killGroup(pgid: number): void {
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // already gone
  }
}

export async function measure(command: string, args: readonly string[], options: MeasureOptions): Promise<Measurement> {
  installInterruptHandler();
  const useTime = existsSync(GNU_TIME);
  const scratch = mkdtempSync(join(tmpdir(), 'bench-measure-'));
  const timeFile = join(scratch, 'time.txt');
  const [file, argv] = useTime
    ? [GNU_TIME, ['-f', '%e %M %U %S', '-o', timeFile, command, ...args]]
    : [command, [...args]];

  const loadAtStart = Math.round((loadavg()[0] ?? 0) * 100) / 100;
  const started = performance.now();
  // detached: the command gets its own process group, which is what a timeout kills.
  const child = spawn(file, argv, { cwd: options.cwd, env: options.env ?? process.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout = new Tail(TAIL_BYTES);
  const stderr = new Tail(TAIL_BYTES);
  child.stdout.on('data', (c: Buffer) => stdout.push(c));
  child.stderr.on('data', (c: Buffer) => stderr.push(c));

  const pid = child.pid;
  let peakTreeKB = 0;
  let maxProcKB = 0;
  const sample = (): void => {
    if (pid === undefined) return;
    // GNU time itself (about 2 MB) is not part of what we are measuring.
    let sum = 0;
    for (const p of descendants(pid, !useTime)) {
      const s = statusKB(p);
      if (!s) continue;
      sum += s.rss;
      maxProcKB = Math.max(maxProcKB, s.hwm);
    }
    peakTreeKB = Math.max(peakTreeKB, sum);
  };
  if (pid !== undefined) running.add(pid);
  const sampler = setInterval(sample, SAMPLE_MS);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    if (pid !== undefined) killGroup(pid);
  }, options.timeoutMs);

  const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => {
    child.once('error', (err) => {
      stderr.push(Buffer.from(`spawn failed: ${err.message}\n`));
      resolve([null, null]);
    });
    child.once('close', (code, sig) => resolve([code, sig]));
  });
  const wallSeconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  clearTimeout(timer);
  if (pid !== undefined) running.delete(pid);

  let killedBy: string | null = signal;
  let cpuSeconds: number | null = null;
  if (useTime && existsSync(timeFile)) {
    // The last line is our format; a line before it may say "Command exited with
    // non-zero status N" or "Command terminated by signal N" (then time exits 128+N).
    const lines = readFileSync(timeFile, 'utf8').trim().split('\n');
    const m = /^([\d.]+) (\d+) ([\d.]+) ([\d.]+)$/.exec(lines[lines.length - 1] ?? '');
    if (m) {
      maxProcKB = Math.max(maxProcKB, Number(m[2]));
      cpuSeconds = Number(m[3]) + Number(m[4]);
    }
    const sig = lines.map((l) => /^Command terminated by signal (\d+)/.exec(l)?.[1]).find((x) => x !== undefined);
    if (sig !== undefined) killedBy = signalName(Number(sig));
  }
  rmSync(scratch, { recursive: true, force: true });

  return {
    exitCode,
    signal: killedBy,
    timedOut,
    wallSeconds,
    peakTreeRssMB: kbToMB(Math.max(peakTreeKB, maxProcKB)),
    maxProcRssMB: kbToMB(maxProcKB),
    cpuSeconds,
    rssSource: useTime ? 'gnu-time+proc' : 'proc',
    loadAtStart,
    stdoutTail: stdout.toString(),
    stderrTail: stderr.toString(),
  };
}
