/**
 * npm start -- [--seeds DIR] [--out DIR] [--port N] [--now ISO] [--timings]
 *
 * Live preview: Eleventy's dev server over a build that includes drafts and
 * scheduled articles (their pages carry a visible label). Adding, editing or
 * removing a seed rebuilds the site and reloads the page in the browser (an
 * edited article's own page is shown first, at once: preview-fast.ts); the
 * terminal says what happened to each changed seed and what to fix. A broken
 * seed never stops the server. The preview is written to its own folder
 * (`.cache/preview`), so drafts never end up in the published `_site`; a
 * session stopped cleanly leaves that folder's manifest, so the next one
 * writes only what changed in between. Watching the seeds is the preview
 * plugin's job (src/publish/preview-plugin.ts).
 */
import { statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { checkOutputDir } from "../src/publish/guard.ts";
import { lockOutput } from "../src/publish/lock.ts";
import { forgetManifest, readManifest, writeManifest } from "../src/publish/manifest.ts";
import { previewNow } from "../src/publish/preview-fast.ts";
import { watchTree } from "../src/publish/seed-watch.ts";
import { settleEvents } from "../src/publish/settle-events.ts";
import { rebuildHold } from "../src/publish/rebuild-hold.ts";
import { isInside } from "../src/read/walk.ts";
import { labelFor, printable } from "../src/report/print.ts";
import { getSite } from "../src/render/newsroom.ts";
import { configureSiteWriter, previewManifest } from "../src/render/plugins/site-writer.ts";
import { fail } from "./options.ts";
import { eleventyOptions, loadEleventy } from "../.eleventy.ts";

const args = (() => {
  try {
    const { values } = parseArgs({
      options: {
        seeds: { type: "string", default: "seeds" },
        out: { type: "string", default: ".cache/preview" },
        port: { type: "string", default: "8080" },
        now: { type: "string" },
        timings: { type: "boolean", default: false },
      },
      strict: true,
    });
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`--port ${values.port} is not a port number`);
    if (values.now && Number.isNaN(new Date(values.now).getTime())) throw new Error(`--now ${JSON.stringify(values.now)} is not an ISO 8601 date-time`);
    const seedsDir = path.resolve(values.seeds);
    if (!statSync(seedsDir, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`the seeds folder ${values.seeds} does not exist`);
    getSite(); // settings that are not valid stop the preview here, with the error
    return { seedsDir, outDir: path.resolve(values.out), port, now: values.now, timings: values.timings };
  } catch (cause) {
    return fail(cause);
  }
})();

// The newsroom module reads these (src/render/newsroom.ts), also after Eleventy reloads its configuration.
process.env.NEWSROOM_SEEDS = args.seedsDir;
process.env.NEWSROOM_DRAFTS = "1";
if (args.now) process.env.NEWSROOM_NOW = args.now;
if (args.timings) process.env.NEWSROOM_TIMINGS = "1";
process.env.NEWSROOM_WATCH_SEEDS = "serve"; // this script watches them (below), not Eleventy

const lock = await (async () => {
  checkOutputDir(args.outDir, { seedsDir: args.seedsDir });
  return lockOutput(args.outDir, "preview server");
})().catch((cause: unknown) => fail(cause));

// A bug while rebuilding must not take the preview down: report it and keep serving.
process.on("unhandledRejection", (cause) => console.error("[newsroom] error:", cause));

/**
 * An early page (preview-fast.ts) reloads the browser at once only when rebuilds take this long.
 * A reload sent while the page is still loading from the one before finds no client to tell: two
 * reloads less than a page load apart lose the second, and the page would show the site as it was
 * before the rebuild; the rebuild's own reload comes at least this plus EARLY_PAGE_GRACE_MS after
 * the early one. A rebuild quicker than this reloads the page soon enough by itself. (At 1 s, a
 * 10,000-seed site whose rebuilds took 0.6–0.9 s showed an added article only after its rebuild:
 * 0.6–1.1 s after the save, against 0.04 s with the early page.)
 */
const EARLY_RELOAD_MIN_MS = 500;
/** Then rebuilds wait this long (src/publish/rebuild-hold.ts): a browser reloads and fetches a page in well under it. */
const EARLY_PAGE_GRACE_MS = 300;
/** A seed's events are handled once they stop for this long (src/publish/settle-events.ts); a save takes well under it. */
const SEED_QUIET_MS = 40;
let lastRebuildMs = 0;
let rebuildStarted = 0;

// The preview folder's manifest, left by a session that stopped cleanly: the first build writes only
// the pages (and images) that changed since and removes those gone, instead of every page over what
// is there. Forgotten at once: a session that does not stop cleanly leaves none to trust.
configureSiteWriter({ since: readManifest(args.outDir) });
forgetManifest(args.outDir);

const Eleventy = await loadEleventy();
const eleventy = new Eleventy(".", args.outDir, {
  quietMode: true,
  runMode: "serve",
  ...eleventyOptions(args.seedsDir, (config) => {
    config.setServerOptions({
      port: args.port,
      messageOnStart: ({ localhostUrl }: { localhostUrl: string }) => `Preview (drafts included) at ${localhostUrl}`,
    });
    config.on("eleventy.before", () => void (rebuildStarted = performance.now()));
    config.on("eleventy.after", () => void (lastRebuildMs = performance.now() - rebuildStarted));
  }),
});
await eleventy.init();
const rebuildFor = await eleventy.watch();
// Eleventy 3 rebuilds when a file it watches is added or changed, not when one is deleted (Eleventy
// #2798, fixed in 4.0): a static file deleted from _includes/assets stayed in the preview. The seeds
// are not its to report (they are watched below).
eleventy.watcher?.on("unlink", (file) => {
  if (!isInside(path.resolve(args.seedsDir), path.resolve(file))) void rebuildFor(file);
});
// The seeds are watched here (src/publish/seed-watch.ts: one watch per folder), with every watch in
// place when it returns, not by Eleventy's watcher (chokidar), which adds them in the background: at
// 10,000 seeds it was still adding watches 3 s after the server said it was ready, and an edit made
// then was never seen.
// Every change (added, edited, deleted, renamed) queues a rebuild for that path; Eleventy gathers
// those that come together into one rebuild (the preview plugin reads them).
// An edited article's own page is shown at once, before that rebuild (src/publish/preview-fast.ts).
const seedsLabel = labelFor(args.seedsDir);
const hold = rebuildHold((file) => void rebuildFor(file), EARLY_PAGE_GRACE_MS);
// Each file once its events stop for SEED_QUIET_MS (src/publish/settle-events.ts: a new file's write may give no event,
// so one still empty then is looked at again).
const isEmptyFile = (file: string) => statSync(file, { throwIfNoEntry: false })?.size === 0;
const seedEvents = settleEvents(SEED_QUIET_MS, (file) => {
  const shown = previewNow(file);
  const early = shown !== undefined && lastRebuildMs >= EARLY_RELOAD_MIN_MS;
  if (shown) console.log(`[newsroom] ${seedsLabel}/${printable(shown.rel)}: previewed → ${shown.url}`);
  if (early) void eleventy.eleventyServe.reload({ files: [file] });
  hold.changed(file, early);
}, { unwritten: isEmptyFile });
const seedWatcher = watchTree(
  args.seedsDir,
  (file) => seedEvents.changed(file),
  (cause) => console.error("[newsroom] error: watching the seeds failed:", cause),
);
await eleventy.serve(args.port);

const stop = async () => {
  seedWatcher.close();
  seedEvents.close();
  // Before anything is awaited: Eleventy's own signal handlers may end the process meanwhile.
  const manifest = previewManifest();
  if (manifest) writeManifest(args.outDir, manifest);
  await eleventy.stopWatch().catch(() => undefined);
  await lock.release();
  process.exit(0);
};
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.once(signal, () => void stop());
