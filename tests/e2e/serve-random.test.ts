/**
 * `npm start` under random editorial work (tests/helpers/editorial-changes.ts):
 * the preview writes its folder in place, shows a saved article's page before
 * the rebuild, keeps records and images in memory, and removes what is gone.
 * After each change the folder must come to equal, byte for byte, what
 * `npm run build -- --drafts --no-cache` writes for the same seeds into an
 * empty one (but the search index, which a build with --no-search leaves
 * out). Then the server is stopped and started again over the same folder
 * after more changes, and its first build must bring the folder to the same.
 *
 * NEWSROOM_FUZZ_SEED=<n> replays another sequence.
 */
import assert from "node:assert/strict";
import { cpSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { after, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { buildSeeds, FIXTURE, siteTree, treeDifferences } from "../site/fixture.ts";
import { tempDir } from "../helpers/cli.ts";
import { editorialDesk } from "../helpers/editorial-changes.ts";
import { startPreview, type Preview } from "../helpers/preview.ts";

const SEED = Number(process.env.NEWSROOM_FUZZ_SEED ?? 20261124);
const STEPS = 10;
const NOW = "2025-09-03T12:00:00Z";

const seeds = path.join(tempDir("serve-fuzz-seeds"), "seeds");
cpSync(path.join(FIXTURE, "seeds"), seeds, { recursive: true });
const out = path.join(tempDir("serve-fuzz-out"), "site");
const desk = editorialDesk(seeds, SEED, { now: new Date(NOW), moveClock: false });
/** The running preview, or the last one. */
let server: Preview | undefined;
const start = async () => void (server = await startPreview(["--seeds", seeds, "--out", out, "--now", NOW], { env: { NEWSROOM_SITE: path.join(FIXTURE, "site.json") } }));
const stop = async () => server?.stop();
after(stop);

/** The preview's files but its search index. */
const preview = () => Object.fromEntries(Object.entries(siteTree(out)).filter(([file]) => !file.startsWith("pagefind")));

/** Waits (bounded) for the preview folder to equal a full build of the seeds as they are; the files that still differ. */
async function differences(): Promise<string[]> {
  const reference = path.join(tempDir("serve-fuzz-ref"), "site");
  buildSeeds(seeds, reference, ["--now", NOW, "--drafts", "--no-cache", "--no-search"]);
  const want = siteTree(reference);
  rmSync(path.dirname(reference), { recursive: true, force: true });
  let differ: string[] = [];
  for (const deadline = Date.now() + 20_000; Date.now() < deadline; await sleep(200)) {
    differ = treeDifferences(preview(), want);
    if (differ.length === 0) break;
  }
  return differ;
}

test(`random changes, seed ${SEED}, with the preview running and across a restart: its folder comes to equal a full build`, async (t) => {
  const steps: string[] = [];
  const check = async (what: string) => {
    const differ = await differences();
    assert.deepEqual(differ, [], `NEWSROOM_FUZZ_SEED=${SEED}: ${what}, the preview differs from a full build in ${differ.length} files\n${steps.join("\n")}\n\n${server?.output()}`);
  };
  await start();
  await check("once started");
  for (let step = 1; step <= STEPS; step++) {
    if (step === STEPS / 2) {
      await stop();
      // A seed deleted while it is stopped too: its pages must not outlive the restart.
      const deleted = readdirSync(seeds).filter((f) => f.endsWith(".md")).sort()[0]!;
      rmSync(path.join(seeds, deleted));
      steps.push(`${step}. (server stopped) ${[...desk.step(), `${deleted} deleted`].join("; ")} (server started)`);
      await start();
    } else {
      steps.push(`${step}. ${desk.step().join("; ")}`);
    }
    await check(`after step ${step}`);
  }
  for (const line of steps) t.diagnostic(line);
});
