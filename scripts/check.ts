/**
 * npm run check -- [--seeds DIR] [--json] [--strict] [--now ISO] [--drafts] [--no-cache]
 *
 * Reports every file under the seeds folder without building: a table for
 * people (file, status, what was guessed, what to fix), or with `--json`
 * `{"files":[...]}` for tools. `--strict` exits 1 when any file has an error.
 */
import { ingest, storyThreadsDone } from "../src/ingest.ts";
import { labelFor, summaryLine } from "../src/report/print.ts";
import { createProgress } from "../src/report/progress.ts";
import { storyLines } from "../src/report/stories.ts";
import { reportTable } from "../src/report/table.ts";
import { getSite } from "../src/render/newsroom.ts";
import { fail, parseCli } from "./options.ts";

const started = performance.now();
const opts = (() => {
  try {
    return parseCli(process.argv.slice(2), getSite());
  } catch (cause) {
    return fail(cause);
  }
})();
const progress = createProgress();
const { report, notes } = await ingest({ ...opts, onProgress: (done, total) => progress.update("Reading seeds", done, total) }).catch(fail);
progress.stop();

if (opts.json) {
  process.stdout.write(`${JSON.stringify({ files: report, notes }, null, 2)}\n`);
} else {
  const label = labelFor(opts.seedsDir);
  const columns = process.stdout.isTTY ? process.stdout.columns : undefined;
  console.log(reportTable(report, label, { columns }));
  const stories = storyLines(report);
  if (stories.length) console.log(`\n${stories.join("\n")}`);
  console.log(`\n${summaryLine(report, (performance.now() - started) / 1000)}`);
  for (const note of notes) console.log(`note: ${note}`);
}
// The story thread saves its records after its answer: not cut off by the exit below.
await storyThreadsDone();
if (opts.strict && report.some((e) => e.status === "error")) process.exit(1);
