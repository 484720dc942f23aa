/// <reference lib="dom" />
/**
 * The fixture site in Debian's Chromium (playwright-core), served from
 * /news/ by a static file server: pages at phone and desktop widths, light
 * and dark, checked by axe-core; keyboard use; reading without JavaScript;
 * Pagefind search (words, tag filter, only article bodies indexed).
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { launchChromium, type Browser } from "../../src/site/chromium.ts";
import { serveStatic, type StaticServer } from "../../src/site/static-server.ts";
import { buildFixtureSite, PREFIX } from "../site/fixture.ts";

const site = buildFixtureSite();
const STORM = "2025/09/03/storm-closes-the-coast-road/";
const PAGES = { home: "", article: STORM, archive: "2025/09/", tag: "tags/weather/" };

let server: StaticServer;
let browser: Browser;
before(async () => {
  assert.equal(site.build.code, 0, site.build.stderr);
  server = await serveStatic(site.out, PREFIX);
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

interface PageOptions {
  width: number;
  height?: number;
  colorScheme?: "light" | "dark";
}

/** A fresh tab in the shared browser, at a given width and colour scheme. */
async function withPage<T>({ width, height = 800, colorScheme = "light" }: PageOptions, fn: (page: Page) => Promise<T>): Promise<T> {
  const page = await browser.context.newPage();
  try {
    await page.setViewportSize({ width, height });
    await page.emulateMedia({ colorScheme });
    return await fn(page);
  } finally {
    await page.close();
  }
}

async function axeProblems(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
}

for (const width of [360, 1280]) {
  test(`home, article, archive and tag pages at ${width} px: no serious or critical axe violations, nothing overflows`, async () => {
    await withPage({ width, height: 800 }, async (page) => {
      for (const [name, path] of Object.entries(PAGES)) {
        const response = await page.goto(server.url + path);
        assert.equal(response?.status(), 200, name);
        assert.deepEqual(await axeProblems(page), [], `${name} at ${width} px`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `${name} at ${width} px is ${overflow} px wider than the screen`);
        assert.ok(await page.locator("h1").first().isVisible(), `${name}: a visible h1`);
      }
      // The article's responsive image really loads, at a width that suits the screen.
      await page.goto(server.url + STORM);
      const img = page.locator(".article__image img");
      await img.scrollIntoViewIfNeeded();
      await page.waitForFunction(() => (document.querySelector(".article__image img") as HTMLImageElement | null)?.complete === true);
      const loaded = await img.evaluate((el: HTMLImageElement) => ({ natural: el.naturalWidth, current: el.currentSrc }));
      assert.ok(loaded.natural > 0, "image decoded");
      assert.match(loaded.current, /\/news\/img\/[0-9a-f]{16}-\d+\.webp$/);
    });
  });
}

test("dark mode follows the system and stays readable (axe contrast)", async () => {
  await withPage({ width: 1280, colorScheme: "dark" }, async (page) => {
    for (const path of [PAGES.home, PAGES.article, PAGES.tag]) {
      await page.goto(server.url + path);
      const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert.equal(bg, "rgb(19, 19, 18)", `${path}: dark background`);
      assert.deepEqual(await axeProblems(page), [], `${path} in dark mode`);
    }
  });
});

test("keyboard: the first Tab shows the skip link, which moves focus to the content", async () => {
  await withPage({ width: 360 }, async (page) => {
    await page.goto(server.url + STORM);
    await page.keyboard.press("Tab");
    const skip = page.locator(".skip-link");
    assert.equal(await skip.evaluate((el) => el === document.activeElement), true);
    const box = await skip.boundingBox();
    assert.ok(box && box.y >= 0, "the focused skip link is on screen");
    const outline = await skip.evaluate((el) => getComputedStyle(el).outlineStyle);
    assert.equal(outline, "solid", "focus is visible");
    await page.keyboard.press("Enter");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "main");
  });
});

test("articles and the 404 page read without JavaScript; search says what to do instead", async () => {
  // JavaScript off needs its own browser context.
  const noScript = await launchChromium({ width: 360, javaScriptEnabled: false });
  try {
    const page = await noScript.context.newPage();
    await page.goto(server.url + STORM);
    assert.equal(await page.locator("h1").textContent(), "Storm closes the coast road");
    assert.ok(await page.locator(".article__body p").first().isVisible());
    assert.ok(await page.locator(".article__image img").isVisible());
    const missing = await page.goto(`${server.url}no/such/page/`);
    assert.equal(missing?.status(), 404);
    assert.equal(await page.locator("h1").textContent(), "This page could not be found");
    await page.goto(`${server.url}search/`);
    assert.match((await page.locator("main").textContent()) ?? "", /Search needs JavaScript\. Browse the archive or the topics instead\./);
  } finally {
    await noScript.close();
  }
});

test("without a search index (a site built with --no-search only), the search page says where else to look", async () => {
  const unindexed = buildFixtureSite(["--no-search"]);
  assert.equal(unindexed.build.code, 0, unindexed.build.stderr);
  const plain = await serveStatic(unindexed.out, PREFIX);
  try {
    await withPage({ width: 1280 }, async (page) => {
      await page.goto(`${plain.url}search/`);
      const note = page.locator("#search-unavailable");
      await note.waitFor({ state: "visible", timeout: 15_000 });
      assert.equal(await note.textContent(), "Search is not available at the moment. Browse the archive or the topics instead.");
      assert.equal(await note.locator("a").first().getAttribute("href"), `${PREFIX}archive/`);
    });
  } finally {
    await plain.close();
  }
  // With the index, the note stays hidden.
  await withPage({ width: 1280 }, async (page) => {
    await page.goto(`${server.url}search/`);
    await page.locator(".pagefind-ui__search-input").waitFor({ timeout: 15_000 });
    assert.equal(await page.locator("#search-unavailable").isVisible(), false);
  });
});

test("Pagefind search finds an article by a word from its body, on the static site under /news/", async () => {
  await withPage({ width: 1280 }, async (page) => {
    await page.goto(`${server.url}search/?q=zephyrwhistle`);
    const result = page.locator(".pagefind-ui__result-link");
    await result.first().waitFor({ timeout: 15_000 });
    assert.equal(await result.count(), 1);
    assert.equal(await result.first().getAttribute("href"), `${PREFIX}${STORM}`);
    assert.equal(await result.first().textContent(), "Storm closes the coast road");
    assert.deepEqual(await axeProblems(page), [], "search page with results");

    // Typing works too, and keeps the query in the address.
    const input = page.locator(".pagefind-ui__search-input");
    await input.fill("Coverack");
    await page.waitForFunction(() => document.querySelectorAll(".pagefind-ui__result-link").length === 1 && location.search.includes("Coverack"));
    await result.first().click();
    await page.waitForURL(`**${PREFIX}${STORM}`);
    assert.equal(await page.locator("h1").textContent(), "Storm closes the coast road");

    // That article is in the recent part of the index; the archive's parts are merged in (the fixture
    // has three: December and January, March, July).
    for (const [word, title] of [["Environment", "River bursts its banks after a week of rain"], ["decisions", "The year in local politics"]]) {
      await page.goto(`${server.url}search/?q=${word}`);
      await result.first().waitFor({ timeout: 15_000 });
      assert.deepEqual(await result.allTextContents(), [title], word);
    }
  });
});

test("Pagefind: results filter by tag; navigation, bylines and dates are not indexed", async () => {
  await withPage({ width: 1280 }, async (page) => {
    // "the" is in nearly every article; the Roads tag has one.
    await page.goto(`${server.url}search/?q=the&tag=Roads`);
    const results = page.locator(".pagefind-ui__result-link");
    await results.first().waitFor({ timeout: 15_000 });
    await page.waitForFunction(() => document.querySelectorAll(".pagefind-ui__result-link").length === 1);
    assert.equal(await results.first().getAttribute("href"), `${PREFIX}${STORM}`);
    // The tag filter lists the merged tags by their display names.
    const filters = await page.locator(".pagefind-ui__filter-label").allTextContents();
    assert.ok(filters.some((f) => f.startsWith("Weather")), filters.join(", "));
    assert.ok(!filters.some((f) => f.startsWith("weather") || f.startsWith("WEATHER")), filters.join(", "));

    // Words only in the masthead (Courier), a byline (Smith), the navigation (Latest), the
    // previous/next links (Previous) or the dates (BST) find nothing.
    for (const word of ["Courier", "Smith", "Latest", "Previous", "BST"]) {
      await page.goto(`${server.url}search/?q=${word}`);
      await page.locator(".pagefind-ui__message").filter({ hasText: /No results/ }).waitFor({ timeout: 15_000 });
      assert.equal(await results.count(), 0, word);
    }
  });
});
