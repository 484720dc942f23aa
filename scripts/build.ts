/**
 * npm run build -- [--seeds DIR] [--out DIR] [--now ISO] [--drafts] [--strict] [--no-cache] [--no-search] [--timings]
 *
 * Ingests every seed (records of unchanged seeds come from `.cache/ingest/`
 * unless --no-cache) and runs Eleventy, whose site writer renders the pages
 * into a staging folder next to the output. The first build (or one with
 * --no-cache) writes every page and swaps the folder in whole; later builds
 * write only the pages whose inputs changed since the live site's manifest
 * (`.cache/pages/`) and move them in, deleting pages that are gone. Either
 * way nothing is published unless the build succeeded. One build at a time
 * per output folder (a lock beside it); progress on a terminal only.
 */
import { cleanLeftovers, publishAtomically } from "../src/publish/atomic.ts";
import { checkOutputDir } from "../src/publish/guard.ts";
import { lockOutput } from "../src/publish/lock.ts";
import { labelFor, pagesLine, problemLines, summaryLine } from "../src/report/print.ts";
import { createProgress } from "../src/report/progress.ts";
import { configureNewsroom, getSite, loadNewsroom } from "../src/render/newsroom.ts";
import { readManifest, writeManifest } from "../src/publish/manifest.ts";
import { configureSiteWriter, lastSiteWrite } from "../src/render/plugins/site-writer.ts";
import { goneFiles, searchChanged, type SitePlan } from "../src/publish/write-site.ts";
import { PARTS_FILE } from "../src/render/search-parts.ts";
import { indexSearch, type SearchMade } from "../src/render/plugins/search.ts";
import { imageFiles } from "../src/render/plugins/images.ts";
import { once } from "../src/render/once.ts";
import { recordStep, timed, timingLines } from "../src/report/timings.ts";
import { fail, parseCli } from "./options.ts";
import { storyThreadsDone } from "../src/ingest.ts";
import { eleventyOptions, loadEleventy } from "../.eleventy.ts";

// Node counts from the process's start: this is the time spent loading modules.
const started = performance.now();
const opts = (() => {
  try {
    return parseCli(process.argv.slice(2), getSite());
  } catch (cause) {
    return fail(cause);
  }
})();
const outLabel = labelFor(opts.outDir);

// Before any work: a wrong --out, or another build writing it, stops here.
const lock = await (async () => {
  checkOutputDir(opts.outDir, { seedsDir: opts.seedsDir });
  return lockOutput(opts.outDir);
})().catch((cause: unknown) => {
  console.error(`error: ${cause instanceof Error ? cause.message : String(cause)}`);
  process.exit(1);
});
if (lock.recovered) console.error(`note: took over the lock of a build that is no longer running (pid ${lock.recovered.pid})`);
for (const note of await cleanLeftovers(opts.outDir)) console.error(`note: ${note}`);
// Ctrl-C: leave through process.exit, so the lock is released (the staging folder is cleared next time).
for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143], ["SIGHUP", 129]] as const) process.once(signal, () => process.exit(code));

const progress = createProgress();
// Eleventy loads once the records are read, while a rebuild's story thread still runs, or else once
// the seeds are read: loaded while they are read, it would slow that thread (two cores do not overlap
// memory-heavy work well), which the build waits for.
let loadingEarly: ReturnType<typeof loadEleventy> | undefined;
// What the live site holds (--no-cache trusts nothing from earlier builds): read then too, 8 ms at 10k.
const liveManifest = once(() => (opts.cacheDir ? readManifest(opts.outDir) : undefined));
const whileStoriesRun = () => {
  loadingEarly ??= loadEleventy();
  liveManifest();
};
configureNewsroom({ ...opts, onProgress: (done, total) => progress.update("Reading seeds", done, total), whileStoriesRun });

const { report, notes } = await loadNewsroom().catch(fail);
const eleventyLoading = loadingEarly ?? loadEleventy();
const seedsLabel = labelFor(opts.seedsDir);
progress.update("Writing the site");

const since = liveManifest();
configureSiteWriter({ since, search: opts.search });
let searched: SearchMade | undefined;
let plan: SitePlan | undefined;
let builtAt = 0;
try {
  await publishAtomically(opts.outDir, async (dir) => {
    const Eleventy = await eleventyLoading;
    const eleventy = new Eleventy(".", dir, { quietMode: true, ...eleventyOptions(opts.seedsDir) });
    await timed("Eleventy (the steps above, static files)", () => eleventy.write());
    plan = lastSiteWrite()!;
    const indexed = opts.search && searchChanged(plan);
    if (indexed) {
      // Pagefind, inside the staging folder: the index is published with its pages.
      searched = await timed("search index", () => indexSearch(dir));
    }
    builtAt = performance.now();
    // The index made: parts of the live one no longer in it go.
    const searchIndex = indexed ? [...Object.keys(plan.manifest.search), PARTS_FILE] : undefined;
    return { removed: goneFiles(plan), whole: plan.whole, carried: imageFiles(plan.manifest.images), searchIndex };
  }, { seedsDir: opts.seedsDir, merge: since !== undefined, removeOld: "after" });
  recordStep(plan!.whole ? "publish: swap the folder in" : "publish: move the changed pages in", performance.now() - builtAt);
  // Search left out, the manifest keeps the live index's parts: the next build makes those whose articles changed.
  timed("save manifest", () => writeManifest(opts.outDir, plan!.manifest));
} catch (cause) {
  progress.stop();
  console.error(new Error(`build failed; ${outLabel} was left as it was`, { cause }));
  process.exit(1);
}
progress.stop();
// The story thread saves its records after its answer; done long since, but the next build must find them.
await storyThreadsDone();
await lock.release();

for (const line of problemLines(report, seedsLabel, ["error"])) console.error(line);
for (const note of notes) console.error(`note: ${note}`);
console.log(`${summaryLine(report, (performance.now() - started) / 1000)} → ${outLabel}`);
console.log(pagesLine({ written: plan!.pages.length, total: plan!.total, removed: plan!.removed.length }, opts.search ? searched : undefined));
if (report.some((e) => e.messages.some((m) => m.level === "warning"))) console.log("Run `npm run check` to see what was guessed and what to fix.");
if (opts.timings) console.log([`Timings (wall):`, `  load modules ${(started / 1000).toFixed(2)} s`, ...timingLines()].join("\n"));
if (opts.strict && report.some((e) => e.status === "error")) process.exit(1);
