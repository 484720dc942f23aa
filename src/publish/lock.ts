/**
 * One writer per output folder. A lock file beside the output
 * (`.<name>.lock`, holding the writer's pid, host and start time) is created
 * with O_EXCL, so of two builds started together exactly one gets it; the
 * other stops at once with a message saying who holds it.
 *
 * A build killed with SIGKILL cannot remove its lock. A lock whose process is
 * gone (same host, pid not running) is stale: the next build takes it over.
 * The takeover renames the stale file aside first and checks it really moved
 * the stale lock (not one a third build created in between).
 */
import { readFileSync, unlinkSync } from "node:fs";
import { mkdir, open, readFile, rename, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

export interface LockInfo {
  pid: number;
  host: string;
  started: string;
  command: string;
}

export interface OutputLock {
  readonly path: string;
  /** True when a lock left by a dead build was taken over. */
  readonly recovered?: LockInfo;
  release(): Promise<void>;
}

export class OutputLockedError extends Error {
  constructor(message: string, readonly holder?: LockInfo) {
    super(message);
    this.name = "OutputLockedError";
  }
}

export const lockPathFor = (outDir: string) => path.join(path.dirname(path.resolve(outDir)), `.${path.basename(outDir)}.lock`);

function parse(text: string): LockInfo | undefined {
  try {
    const v = JSON.parse(text) as Partial<LockInfo>;
    return typeof v.pid === "number" && typeof v.host === "string" ? { pid: v.pid, host: v.host, started: String(v.started), command: String(v.command) } : undefined;
  } catch {
    return undefined;
  }
}

/** A process on this host with that pid exists (EPERM: it exists but is not ours). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Stale: written on this host by a process that is gone. A lock from another host is never guessed stale. */
const isStale = (info: LockInfo) => info.host === os.hostname() && info.pid !== process.pid && !isRunning(info.pid);

async function tryCreate(file: string, info: LockInfo): Promise<boolean> {
  let handle;
  try {
    handle = await open(file, "wx");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw e;
  }
  try {
    await handle.writeFile(`${JSON.stringify(info)}\n`);
  } finally {
    await handle.close();
  }
  return true;
}

export async function lockOutput(outDir: string, command = "build"): Promise<OutputLock> {
  const file = lockPathFor(outDir);
  const mine: LockInfo = { pid: process.pid, host: os.hostname(), started: new Date().toISOString(), command };
  let recovered: LockInfo | undefined;
  await mkdir(path.dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 5; attempt++) {
    if (await tryCreate(file, mine)) return held(file, mine, recovered);
    const text = await readFile(file, "utf8").catch(() => undefined);
    if (text === undefined) continue; // released in between: try again
    const holder = parse(text);
    if (!holder) {
      // Being written right now by another build, or garbage: never guess; say so.
      throw new OutputLockedError(`${outDir} is locked by ${file}, which is unreadable; if no build is running, delete it`);
    }
    if (!isStale(holder)) {
      throw new OutputLockedError(
        `${outDir} is being written by another ${holder.command} (pid ${holder.pid} on ${holder.host}, since ${holder.started}); ` +
          `wait for it to finish. If no build is running, delete ${file}`,
        holder,
      );
    }
    const aside = `${file}.stale-${process.pid}`;
    try {
      await rename(file, aside);
    } catch {
      continue; // someone else moved it first
    }
    const moved = parse(await readFile(aside, "utf8").catch(() => ""));
    if (moved && moved.pid !== holder.pid && !isStale(moved)) {
      await rename(aside, file).catch(() => undefined); // a live lock taken by mistake: put it back
      continue;
    }
    await rm(aside, { force: true });
    recovered = holder;
  }
  throw new OutputLockedError(`could not lock ${outDir}: ${file} keeps changing; is another build starting?`);
}

function held(file: string, mine: LockInfo, recovered: LockInfo | undefined): OutputLock {
  // process.exit() skips `finally` blocks; the exit hook still removes our lock.
  const onExit = () => {
    try {
      if (parse(readFileSync(file, "utf8"))?.pid === mine.pid) unlinkSync(file);
    } catch {
      // already gone
    }
  };
  process.once("exit", onExit);
  return {
    path: file,
    recovered,
    async release() {
      process.removeListener("exit", onExit);
      onExit();
    },
  };
}
