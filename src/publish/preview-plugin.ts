/**
 * Live preview (`npm start`, or Eleventy's own `--serve`/`--watch`): seeds are
 * not Eleventy inputs (they are data, never templates), so Eleventy does not
 * see them change by itself. This plugin
 * - adds the seeds folder as a watch target (unless `npm start` watches it);
 * - before each rebuild, tells the ingest which seeds changed, so only those
 *   are read again (the per-file cache in src/ingest.ts);
 * - after each build, prints to the terminal what happened to the changed
 *   seeds (published, or the errors to fix), then a summary line (and with
 *   `npm start -- --timings`, each step's time). A broken
 *   seed is reported, never fatal: the server keeps running;
 * - watches the site settings (`_data/site.json`): saved, the next build
 *   uses them; not valid, the error is printed and the last good ones stay.
 * The site writer (src/render/plugins/site-writer.ts) rewrites only the pages
 * a change touched and deletes those of removed seeds. This plugin does
 * nothing in a plain build.
 */
import type { UserConfig } from "@11ty/eleventy";
import path from "node:path";
import { isArticleFile } from "../read/walk.ts";
import { forgetNewsroom, isWatching, loadNewsroom, newsroomOptions, reloadSite } from "../render/newsroom.ts";
import type { ReportEntry } from "../report/entry.ts";
import { labelFor, printable, summaryLine } from "../report/print.ts";
import { clearTimings, timingLines } from "../report/timings.ts";
import { siteFile } from "../site/settings.ts";

const log = (line: string) => console.log(`[newsroom] ${line}`);

function describe(label: string, e: ReportEntry): string[] {
  const where = `${label}/${printable(e.file)}`;
  const head = `${where}: ${e.status}${e.url ? ` → ${e.url}` : ""}`;
  const problems = e.messages
    .filter((m) => m.level !== "info" || e.status === "skipped")
    .map((m) => `${where}${m.line ? `:${m.line}` : ""}: ${m.level}: ${printable(m.message)}`);
  return [head, ...problems];
}

/**
 * What the terminal is told after a build: the outcome, in this build's `report`, of each seed that
 * `changed` since the last build (a changed folder: of each seed in it, as after a folder is renamed),
 * and "removed" for each file the last build listed (`listed`) and this one does not. Removals are
 * found by that difference, not from `changed`: a build started for another seed may see a file
 * already gone before its own change comes in, and the build for that change then has nothing left
 * to say. A file made and gone between two builds is never reported: it never was a seed (`sed -i`
 * writes its output to a `sedXXXXXX` of its own beside the file, then renames it over).
 */
export function changeLines(label: string, changed: ReadonlySet<string>, report: readonly ReportEntry[], listed: ReadonlySet<string>): string[] {
  const inChanged = (file: string) => {
    for (let at = file.length; at > 0; at = file.lastIndexOf("/", at - 1)) if (changed.has(file.slice(0, at))) return true;
    return false;
  };
  const now = new Set(report.map((e) => e.file));
  const lines: [string, string[]][] = [
    ...report.filter((e) => inChanged(e.file)).map((e): [string, string[]] => [e.file, describe(label, e)]),
    ...[...listed].filter((file) => !now.has(file)).map((file): [string, string[]] => [file, [`${label}/${printable(file)}: removed`]]),
  ];
  return lines.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).flatMap(([, l]) => l);
}

export function previewPlugin(eleventyConfig: UserConfig): void {
  if (!isWatching()) return;
  const seedsDir = path.resolve(newsroomOptions().seedsDir);
  const label = labelFor(seedsDir);
  // `npm start` watches the seeds itself (scripts/serve.ts says why); Eleventy's own --serve needs its watcher.
  if (process.env.NEWSROOM_WATCH_SEEDS !== "serve") eleventyConfig.addWatchTarget(seedsDir);

  /** Seeds changed since the last build, relative to the seeds folder; undefined: first build. */
  let changed: Set<string> | undefined;
  /** The files the last build listed (changeLines). */
  let listed: ReadonlySet<string> = new Set();
  // The settings file is read by us, not as Eleventy data: watched for its own sake (NEWSROOM_SITE may name one elsewhere).
  const settings = siteFile();
  eleventyConfig.addWatchTarget(settings);
  eleventyConfig.on("eleventy.beforeWatch", (queue: string[]) => {
    if (queue.some((p) => path.resolve(p) === settings)) {
      try {
        reloadSite().forEach((l) => log(`${printable(path.relative(process.cwd(), settings))}: ${l}`));
      } catch (cause) {
        log(`error: ${cause instanceof Error ? cause.message : String(cause)}; the preview keeps the settings it had`);
      }
    }
    const rels = queue
      .map((p) => path.relative(seedsDir, path.resolve(p)))
      .filter((rel) => rel && !rel.startsWith("..") && !path.isAbsolute(rel))
      .map((rel) => rel.split(path.sep).join("/"));
    if (rels.length === 0) return;
    changed = new Set([...(changed ?? []), ...rels]);
    const onlyArticles = rels.every(isArticleFile);
    // An image or folder changed: articles naming it must be read again too.
    forgetNewsroom(onlyArticles ? rels : undefined);
  });

  eleventyConfig.on("eleventy.after", async () => {
    const started = performance.now();
    try {
      const { report } = await loadNewsroom();
      if (changed) {
        changeLines(label, changed, report, listed).forEach((l) => log(l));
      } else {
        for (const e of report) if (e.status === "error") describe(label, e).forEach((l) => log(l));
      }
      listed = new Set(report.map((e) => e.file));
      log(summaryLine(report, (performance.now() - started) / 1000).replace(/, [\d.]+ s$/, ""));
      if (process.env.NEWSROOM_TIMINGS === "1") timingLines().forEach((l) => log(l));
    } catch (cause) {
      log(`error: the seeds could not be read: ${cause instanceof Error ? cause.message : String(cause)}`);
      forgetNewsroom(); // try again from scratch on the next change
    }
    changed = undefined;
    clearTimings();
  });
}
