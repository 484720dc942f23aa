/**
 * npm run build -- [--seeds DIR] [--out DIR] [--now ISO] [--drafts] [--strict]
 *
 * Ingests every seed, renders the site with Eleventy into a fresh folder next
 * to the output, and swaps it in only when the build succeeded.
 */
import { Eleventy } from "@11ty/eleventy";
import path from "node:path";
import { publishAtomically } from "../src/publish/atomic.ts";
import { problemLines, summaryLine } from "../src/report/print.ts";
import { configureNewsroom, getSite, loadNewsroom } from "../src/render/newsroom.ts";
import { indexSearch } from "../src/render/plugins/search.ts";
import { fail, parseCli } from "./options.ts";

const started = performance.now();
const site = getSite();
const opts = (() => {
  try {
    return parseCli(process.argv.slice(2), site);
  } catch (cause) {
    return fail(cause);
  }
})();
configureNewsroom(opts);

const { report } = await loadNewsroom().catch(fail);
const seedsLabel = path.relative(process.cwd(), opts.seedsDir) || ".";
for (const line of problemLines(report, seedsLabel, ["error"])) console.error(line);

try {
  await publishAtomically(opts.outDir, async (dir) => {
    const eleventy = new Eleventy(".", dir, { configPath: ".eleventy.ts", quietMode: true });
    await eleventy.write();
    await indexSearch(dir); // Pagefind, inside the staging folder: the index is swapped in with its pages
  });
} catch (cause) {
  console.error(new Error(`build failed; ${path.relative(process.cwd(), opts.outDir)} was left as it was`, { cause }));
  process.exit(1);
}

console.log(`${summaryLine(report, (performance.now() - started) / 1000)} → ${path.relative(process.cwd(), opts.outDir) || "."}`);
if (report.some((e) => e.messages.some((m) => m.level === "warning"))) console.log("Run `npm run check` to see what was guessed and what to fix.");
if (opts.strict && report.some((e) => e.status === "error")) process.exit(1);
