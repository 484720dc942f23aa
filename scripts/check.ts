/**
 * npm run check -- [--seeds DIR] [--json] [--strict] [--now ISO]
 *
 * Reports every file under the seeds folder without building: published, or
 * what to fix. `--json` prints `{"files":[...]}`; `--strict` exits 1 when any
 * file has an error.
 */
import path from "node:path";
import { ingest } from "../src/ingest.ts";
import { problemLines, summaryLine } from "../src/report/print.ts";
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
const { report } = await ingest(opts).catch(fail);

if (opts.json) {
  process.stdout.write(`${JSON.stringify({ files: report }, null, 2)}\n`);
} else {
  const label = path.relative(process.cwd(), opts.seedsDir) || ".";
  for (const e of report) {
    console.log(`${e.status.padEnd(10)} ${label}/${e.file}${e.url ? `  →  ${e.url}` : ""}`);
    const guessed = Object.entries(e.sources).filter(([, s]) => s !== "front-matter");
    if (guessed.length) console.log(`           ${guessed.map(([f, s]) => `${f} from ${s}`).join(", ")}`);
  }
  const problems = problemLines(report, label, ["error", "warning"]);
  if (problems.length) console.log(`\n${problems.join("\n")}`);
  console.log(`\n${summaryLine(report, (performance.now() - started) / 1000)}`);
}
if (opts.strict && report.some((e) => e.status === "error")) process.exit(1);
