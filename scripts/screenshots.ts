/**
 * npm run screenshots -- [--site DIR] [--out DIR]
 *
 * PNGs of the home page and an article at phone (360 px) and desktop
 * (1280 px) widths, light and dark, into screenshots/. Without --site it
 * builds seeds/ into a temporary folder first (removed on exit).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { launchChromium } from "../src/site/chromium.ts";
import { serveStatic } from "../src/site/static-server.ts";
import { loadSite } from "../src/site/settings.ts";

const { values } = parseArgs({ options: { site: { type: "string" }, out: { type: "string", default: "screenshots" } } });
const site = loadSite();
let dir = values.site;
if (!dir) {
  const temp = mkdtempSync(path.join(tmpdir(), "newsroom-shots-"));
  process.on("exit", () => rmSync(temp, { recursive: true, force: true }));
  dir = path.join(temp, "site");
  const build = spawnSync(process.execPath, ["--import", "tsx", "scripts/build.ts", "--out", dir], { stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const outDir = path.resolve(values.out);
mkdirSync(outDir, { recursive: true });

// The newest article the home page links to.
const home = readFileSync(path.join(dir, "index.html"), "utf8");
const article = /<h3 class="card__title"><a href="([^"]+)"/.exec(home)?.[1];
const pages = [
  { name: "home", url: site.pathPrefix },
  ...(article ? [{ name: "article", url: article }] : []),
];

const server = await serveStatic(dir, site.pathPrefix);
const origin = new URL(server.url).origin;
try {
  for (const scheme of ["light", "dark"] as const) {
    for (const width of [360, 1280]) {
      const browser = await launchChromium({ colorScheme: scheme, width, height: width < 600 ? 780 : 900 });
      try {
        const page = await browser.context.newPage();
        for (const p of pages) {
          await page.goto(origin + p.url, { waitUntil: "load" });
          const file = path.join(outDir, `${p.name}-${width}${scheme === "dark" ? "-dark" : ""}.png`);
          await page.screenshot({ path: file, fullPage: true });
          console.log(path.relative(process.cwd(), file));
        }
      } finally {
        await browser.close();
      }
    }
  }
} finally {
  await server.close();
}
