/**
 * `npm start`, for real: the preview server runs on a free port over a temp
 * seeds folder; seeds are added, edited, broken and removed while it runs,
 * and the served site (and an open page in Chromium) follow, within bounded
 * time. The server is stopped at the end and its lock released.
 */
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import path from "node:path";
import { after, before, test } from "node:test";
import { chromium, type Browser } from "playwright-core";
import { freePort } from "../../scripts/bench/preview.ts";
import { ROOT, tempDir, tempSeeds } from "../helpers/cli.ts";
import { quiet as untilQuiet } from "../helpers/preview.ts";

const seeds = tempSeeds();
const outParent = tempDir("preview");
// The server's settings: a copy of the project's, which a test edits.
const settingsFile = path.join(tempDir("preview-settings"), "site.json");
const settings = JSON.parse(readFileSync(path.join(ROOT, "_data", "site.json"), "utf8")) as Record<string, unknown>;
const saveSettings = (over: Record<string, unknown>) => writeFileSync(settingsFile, JSON.stringify({ ...settings, ...over }, null, 2));
saveSettings({});
const out = path.join(outParent, "site");
let server: ChildProcess;
let log = "";
let base = "";

/** Poll until `ready` holds (bounded), so a slow machine waits and a broken preview fails. */
async function until<T>(what: string, ready: () => Promise<T | undefined | false>, timeoutMs = 45_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    assert.equal(server.exitCode, null, `the server stopped while waiting for ${what}:\n${log}`);
    const value = await ready().catch(() => undefined);
    if (value) return value;
    assert.ok(Date.now() < deadline, `timed out waiting for ${what}; server output:\n${log}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** GET as a browser navigating (the dev server adds its reload client only to navigations). */
const get = (url: string) =>
  new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(base + url.replace(/^\//, ""), { headers: { accept: "text/html", "sec-fetch-mode": "navigate" } }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("error", reject);
    req.end();
  });
const seed = (name: string, text: string) => writeFileSync(path.join(seeds, name), text);

/** Until the rebuild an earlier test's change started has finished. */
const quiet = () => untilQuiet(() => log, () => server.exitCode === null);

/** Starts the preview server; resolves once its first build is served. */
async function start(): Promise<void> {
  const port = await freePort();
  log = "";
  server = spawn(process.execPath, ["scripts/run.mjs", "serve", "--seeds", seeds, "--out", out, "--port", String(port)], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: "1", NEWSROOM_SITE: settingsFile },
  });
  server.stdout!.on("data", (c: Buffer) => (log += c.toString()));
  server.stderr!.on("data", (c: Buffer) => (log += c.toString()));
  base = await until("the server to start", async () => /Preview \(drafts included\) at (http:\/\/localhost:\d+\/)/.exec(log)?.[1]);
}

before(start);

after(async () => {
  server.kill("SIGINT");
  await new Promise((resolve) => (server.exitCode === null ? server.once("exit", resolve) : resolve(null)));
});

test("serves the site, with the live-reload client in every page", async () => {
  const home = await get("/");
  assert.equal(home.status, 200);
  assert.equal([...home.text.matchAll(/<h3 class="card__title">/g)].length, 5, "the five seeds");
  assert.match(home.text, /<script type="module"[^>]+src="\/\.11ty\/reload-client\.js[^"]*">/);
  assert.ok(existsSync(path.join(outParent, ".site.lock")), "the preview holds its output's lock");
});

test("adding a seed publishes it; drafts show, labelled", async () => {
  const home = statSync(path.join(out, "index.html")).ino;
  seed("live.md", "---\ntitle: Live preview works\ndate: 2025-09-05\ndraft: true\n---\n\nFirst version of the text.\n");
  const page = await until("the new page", async () => {
    const r = await get("/2025/09/05/live-preview-works/");
    return r.status === 200 && r.text;
  });
  assert.match(page, /<p class="flag flag--draft"[^>]*>draft<\/p>/);
  assert.match(page, /First version of the text\./);
  await until("the home page to list it", async () => (await get("/")).text.includes("Live preview works"));
  // Renamed into place, not written into the file the server reads: a reader never gets half of it.
  assert.notEqual(statSync(path.join(out, "index.html")).ino, home, "the home page was replaced");
  assert.deepEqual(readdirSync(out).filter((f) => f.endsWith(".tmp")), [], "nothing left beside it");
  // The status line is printed after Eleventy's write, so it may trail the served page by a moment.
  await until("the terminal status line", async () => /seeds-[^/]+\/live\.md: draft → \/2025\/09\/05\/live-preview-works\//.test(log));
});

test("editing a seed updates its page", async () => {
  seed("live.md", "---\ntitle: Live preview works\ndate: 2025-09-05\ndraft: true\n---\n\nSecond version, edited.\n");
  await until("the edited text", async () => (await get("/2025/09/05/live-preview-works/")).text.includes("Second version, edited."));
});

test("an edited article's page is shown at once, before the rebuild, which then writes it again", async () => {
  // The last test waited for its page, which the early page can show before that rebuild reports.
  await quiet();
  const from = log.length;
  seed("live.md", "---\ntitle: Live preview works\ndate: 2025-09-05\ndraft: true\n---\n\nThird version, shown first.\n");
  await until("the edited text", async () => (await get("/2025/09/05/live-preview-works/")).text.includes("Third version, shown first."));
  await until("the rebuild's summary", async () => /\d+ files with errors/.test(log.slice(from)));
  const after = log.slice(from);
  const previewed = after.indexOf("live.md: previewed → /2025/09/05/live-preview-works/");
  assert.ok(previewed >= 0, `no "previewed" line:\n${after}`);
  assert.ok(previewed < after.search(/\d+ files with errors/), `the page was previewed after the rebuild, not before:\n${after}`);
  assert.match(after, /live\.md: draft → \/2025\/09\/05\/live-preview-works\//, "the rebuild reports it as ever");
  // A small site's data takes little of the heap: rebuilds keep the last build's (src/publish/preview-memory.ts).
  assert.doesNotMatch(log, /data is let go/);
});

test("a page shown early at a URL the rebuild does not keep is removed by it", async () => {
  const words = (topic: string) => Array.from({ length: 40 }, (_, i) => `${topic} report sentence ${i} names the ${topic} again.`).join(" ");
  seed("a-original.md", `---\ntitle: The original report\ndate: 2025-09-07\n---\n\n${words("harbour")}\n`);
  seed("b-copy.md", `---\ntitle: Another report\ndate: 2025-09-07\n---\n\n${words("orchard")}\n`);
  await until("both pages", async () => (await get("/2025/09/07/another-report/")).status === 200 && (await get("/2025/09/07/the-original-report/")).status === 200);
  // The same text under a new headline: shown at its new URL at once; the rebuild finds it a duplicate
  // (of the article that sorts first), published once, under the original.
  const from = log.length;
  seed("b-copy.md", `---\ntitle: A copied report\ndate: 2025-09-07\n---\n\n${words("harbour")}\n`);
  await until("the early page", async () => log.slice(from).includes("b-copy.md: previewed → /2025/09/07/a-copied-report/"));
  await until("the rebuild to call it a duplicate", async () => /copy\.md: duplicate\b/.test(log.slice(from)));
  await until("the early page to be gone", async () => (await get("/2025/09/07/a-copied-report/")).status === 404);
  assert.equal((await get("/2025/09/07/another-report/")).status, 404, "and its old page");
  assert.equal((await get("/2025/09/07/the-original-report/")).status, 200);
  rmSync(path.join(seeds, "a-original.md"));
  rmSync(path.join(seeds, "b-copy.md"));
});

test("a new undated article is shown at once at its own date, then moved by the rebuild to its story's", async () => {
  const text = Array.from({ length: 40 }, (_, i) => `Storm report sentence ${i} says the storm hit the harbour wall.`).join(" ");
  const dated = log.length;
  seed("c-dated.md", `---\ntitle: Storm hits the harbour\ndate: 2025-09-08\n---\n\n${text}\n`);
  await until("the dated page", async () => (await get("/2025/09/08/storm-hits-the-harbour/")).status === 200);
  // Its rebuild over first: one still to come when the next seed is written (on a busy machine) would
  // read that seed too and date it from its story, leaving no earlier page to show.
  await until("its rebuild", async () => /c-dated\.md: published → .*\n(?:.*\n)*?.*\d+ files with errors/.test(log.slice(dated)));
  // Wire copy of the same report, with no date: dated from its story (the dated report) by the rebuild.
  const from = log.length;
  seed("d-undated.txt", `Storm hits the harbour, follow-up\n\n${text} Repairs begin on Monday.\n`);
  // (Here the rebuild may follow too fast to catch the early page being served.)
  const early = await until("the early page", async () => /d-undated\.txt: previewed → (\S+)/.exec(log.slice(from))?.[1]);
  const final = await until("the rebuild's URL", async () => /d-undated\.txt: published → (\S+)/.exec(log.slice(from))?.[1]);
  assert.match(final, /^\/2025\/09\/08\//, "dated from its story");
  assert.notEqual(early, final);
  await until("the early page to be gone", async () => (await get(early)).status === 404);
  assert.equal((await get(final)).status, 200);
  rmSync(path.join(seeds, "c-dated.md"));
  rmSync(path.join(seeds, "d-undated.txt"));
});

test("a broken seed prints its error in the terminal and the server keeps serving", async () => {
  seed("broken.md", "---\ntitle: Broken\ndate: 2025-19-05\n---\n\nText.\n");
  await until("the error in the terminal", async () => /broken\.md:3: error: date "2025-19-05" is not a valid date/.test(log));
  seed("broken-yaml.md", "---\ntitle: [unclosed\n---\n\nText.\n");
  await until("the YAML error in the terminal", async () => /broken-yaml\.md:\d+: error: front matter is not valid YAML/.test(log));
  assert.equal((await get("/")).status, 200);
  assert.equal(server.exitCode, null);
});

test("an article's photo: processed, its files removed with it from the article, processed again when put back", async () => {
  mkdirSync(path.join(seeds, "images"), { recursive: true });
  copyFileSync(path.join(ROOT, "tests/fixtures/site/seeds/images/coast-road.jpg"), path.join(seeds, "images", "coast.jpg"));
  const text = (image: string) => `---\ntitle: Photo desk\ndate: 2025-09-07\n${image}---\n\nA picture of the coast road.\n`;
  const images = () => readdirSync(path.join(out, "img"), { withFileTypes: true }).filter((d) => d.isFile()).length;
  const shown = async () => /<img [^>]*src="\/img\/[0-9a-f]{16}-800\.jpeg"/.test((await get("/2025/09/07/photo-desk/")).text);
  seed("photo.md", text("image: images/coast.jpg\n"));
  await until("the photo on the page", shown);
  assert.equal(images(), 6);
  seed("photo.md", text(""));
  await until("the photo's files to go", async () => !existsSync(path.join(out, "img")));
  seed("photo.md", text("image: images/coast.jpg\n"));
  await until("the photo back on the page", shown);
  assert.equal(images(), 6);
  rmSync(path.join(seeds, "photo.md"));
});

test("removing a seed removes its page", async () => {
  rmSync(path.join(seeds, "live.md"));
  await until("the page to be gone", async () => (await get("/2025/09/05/live-preview-works/")).status === 404);
  assert.doesNotMatch((await get("/")).text, /Live preview works/);
  await until("the terminal to say so", async () => /live\.md: removed/.test(log));
});

test("an open page reloads by itself when a seed is added (Chromium)", async () => {
  const browser: Browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const page = await browser.newPage();
    // The reload client connects after the page has loaded; a seed saved before the server says
    // "connected" would be rebuilt (in 0.1 s) with nobody to tell, and the test would wait in vain.
    let connected = false;
    page.on("websocket", (ws) => ws.on("framereceived", (f) => (connected ||= String(f.payload).includes('"connected"'))));
    await page.goto(base);
    await page.waitForFunction(() => document.body.innerText.includes("Xi"), undefined, { timeout: 15_000 });
    await until("the reload client to connect", async () => connected);
    seed("reloaded.md", "---\ntitle: Appears without a click\ndate: 2025-09-06\n---\n\nThe page reloaded itself.\n");
    await page.waitForFunction(() => document.body.innerText.includes("Appears without a click"), undefined, { timeout: 45_000 }).catch((cause: unknown) => {
      throw new Error(`the page did not reload with the new article; server output:\n${log}`, { cause });
    });
  } finally {
    await browser.close();
  }
});

test("the site settings saved: the next build uses them; not valid, the error is printed and the last good ones stay", async () => {
  const home = async () => (await get("/")).text;
  saveSettings({ title: "The Evening Seed" });
  await until("the new title", async () => (await home()).includes("<title>The Evening Seed"));
  let from = log.length;
  writeFileSync(settingsFile, '{ "title": "Broken", }');
  await until("the error", async () => /error: \S*site\.json: not valid JSON: .*; the preview keeps the settings it had/.test(log.slice(from)));
  await until("the rebuild's summary", async () => /\d+ files with errors/.test(log.slice(from)));
  assert.match(await home(), /<title>The Evening Seed/);
  // Another time zone: every seed is dated again (a time written without an offset is the site's).
  assert.match(await home(), /<time datetime="2025-09-02T05:59:33\+00:00">05:59 UTC</);
  saveSettings({ title: "The Evening Seed", timeZone: "Asia/Tokyo" });
  await until("dates in the new zone", async () => /<time datetime="2025-09-02T05:59:33\+09:00">/.test(await home()));
  // The folder the site is served from stays the server's until it is started again.
  from = log.length;
  saveSettings({ title: "The Evening Seed", pathPrefix: "/news/", url: "https://news.example.org/news/" });
  await until("the note", async () => /pathPrefix is now \/news\/: stop and start the preview again/.test(log.slice(from)));
  assert.equal((await get("/")).status, 200);
  saveSettings({});
  await until("the title as it was", async () => (await home()).includes(`<title>${settings.title}`));
});

test("stopping the server releases the lock", async () => {
  server.kill("SIGINT");
  await new Promise((resolve) => (server.exitCode === null ? server.once("exit", resolve) : resolve(null)));
  assert.equal(existsSync(path.join(outParent, ".site.lock")), false);
});

test("started again after a seed was deleted meanwhile: the first build removes its page and writes only the pages that changed", async () => {
  const htmlFiles = () =>
    new Map(
      readdirSync(out, { recursive: true, withFileTypes: true })
        .filter((d) => d.isFile() && d.name.endsWith(".html"))
        .map((d) => [path.relative(out, path.join(d.parentPath, d.name)), statSync(path.join(d.parentPath, d.name)).mtimeMs] as const),
    );
  const stopped = htmlFiles();
  const gone = path.join("2025", "09", "06", "appears-without-a-click", "index.html");
  assert.ok(stopped.has(gone));
  rmSync(path.join(seeds, "reloaded.md"));
  await start();
  const started = htmlFiles();
  assert.equal(started.has(gone), false);
  assert.equal((await get("/2025/09/06/appears-without-a-click/")).status, 404);
  const written = [...started].filter(([file, mtime]) => stopped.get(file) !== mtime).map(([file]) => file);
  // Of this small site, 10 of 18 pages change (the article was its day's, month's and tag's only one); every one, before.
  assert.ok(written.length > 0 && written.length < started.size, `${written.length} of ${started.size} pages written: ${written.join(", ")}`);
});
