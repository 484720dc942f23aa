/**
 * Where a build's time goes: each step of the pipeline is timed here, and
 * `npm run build -- --timings` prints the list (as Hugo's `--templateMetrics`
 * or Eleventy's `DEBUG=Eleventy:Benchmark*` do). Steps run one after another
 * on the main thread, so their times add up to the build's, less start-up.
 */
const steps: { name: string; ms: number; endMs: number; rssMB: number }[] = [];

/** Forget the steps so far (the preview prints each rebuild's own). */
export const clearTimings = () => void steps.splice(0);

/** Records a step timed elsewhere. */
export const recordStep = (name: string, ms: number) =>
  void steps.push({ name, ms, endMs: performance.now(), rssMB: process.memoryUsage.rss() / 2 ** 20 });

/** Runs `fn`, recording its wall time (until its promise settles, if it returns one) under `name`. */
export function timed<T>(name: string, fn: () => T): T {
  const start = performance.now();
  const done = () => recordStep(name, performance.now() - start);
  const result = fn();
  if (result instanceof Promise) return result.finally(done) as T;
  done();
  return result;
}

/**
 * "  read and parse seeds   6.12 s   412 MB   7.30 s" lines, in the order the
 * steps ended: the step's time, the process's memory as it ended, and when it
 * ended (counted from the process's start, so gaps between steps show).
 */
export function timingLines(): string[] {
  const width = Math.max(0, ...steps.map((s) => s.name.length));
  const seconds = (ms: number) => `${(ms / 1000).toFixed(2).padStart(7)} s`;
  return [
    `  ${"step".padEnd(width)}    time  memory   ended at`,
    ...steps.map((s) => `  ${s.name.padEnd(width)} ${seconds(s.ms)} ${s.rssMB.toFixed(0).padStart(4)} MB ${seconds(s.endMs)}`),
  ];
}
