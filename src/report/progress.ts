/**
 * A progress line for long builds, on a terminal only: when stderr is not a
 * TTY (CI logs, pipes, tests) nothing at all is written. The line appears
 * only once the build has run for `delayMs`, is redrawn at most ten times a
 * second, keeps its elapsed time ticking while a phase has no counter, and is
 * erased when the build ends, so the summary line stays the only output.
 */
import { envNumber } from "../site/env-number.ts";

export interface Progress {
  /** Set the current phase, with a counter when there is one. */
  update(label: string, done?: number, total?: number): void;
  /** Erase the line and stop the clock. */
  stop(): void;
}

interface Stream {
  isTTY?: boolean;
  columns?: number;
  write(chunk: string): unknown;
}

const NOTHING: Progress = { update() {}, stop() {} };

/** How long a build runs before the line appears; NEWSROOM_PROGRESS_DELAY_MS=0 shows it at once (the end-to-end tests). */
const DELAY_MS = envNumber("NEWSROOM_PROGRESS_DELAY_MS") ?? 1000;

export function createProgress(stream: Stream = process.stderr, { delayMs = DELAY_MS, now = () => performance.now() } = {}): Progress {
  if (!stream.isTTY) return NOTHING;
  const started = now();
  let label = "";
  let done: number | undefined;
  let total: number | undefined;
  let drawnAt = -Infinity;
  let drawn = false;
  const draw = (force = false) => {
    const t = now();
    if (t - started < delayMs || (!force && t - drawnAt < 100)) return;
    drawnAt = t;
    const count = done !== undefined && total ? ` ${done}/${total} (${Math.floor((done / total) * 100)}%)` : "";
    const line = `${label}${count} · ${((t - started) / 1000).toFixed(0)} s`;
    stream.write(`\r\x1b[K${line.slice(0, Math.max(20, (stream.columns || 80) - 1))}`);
    drawn = true;
  };
  const timer = setInterval(() => draw(true), 500);
  timer.unref();
  return {
    update(l, d, t) {
      label = l;
      done = d;
      total = t;
      draw();
    },
    stop() {
      clearInterval(timer);
      if (drawn) stream.write("\r\x1b[K");
      drawn = false;
    },
  };
}
