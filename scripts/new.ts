/**
 * npm run new -- "Headline" [--seeds DIR] [--now ISO]
 *
 * Creates `seeds/YYYY-MM-DD-slug.md` (today in the site's time zone) with
 * front matter ready to fill, as a draft: `npm start` shows it at once with
 * its "draft" label, and it is published when `draft: false` is set. Never
 * overwrites a file; prints the path it wrote.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { DateTime } from "luxon";
import { slugFor } from "../src/enrich/slug.ts";
import { getSite } from "../src/render/newsroom.ts";
import { labelFor } from "../src/report/print.ts";
import { fail } from "./options.ts";

const { headline, seedsDir, now, timeZone } = (() => {
  try {
    const { values, positionals } = parseArgs({
      options: { seeds: { type: "string", default: "seeds" }, now: { type: "string" } },
      allowPositionals: true,
      strict: true,
    });
    const headline = positionals.join(" ").replace(/\s+/g, " ").trim();
    if (!headline) throw new Error('give the headline: npm run new -- "Storm closes the coast road"');
    if (headline.length > 300) throw new Error("the headline is longer than 300 characters");
    const now = values.now ? new Date(values.now) : new Date();
    if (Number.isNaN(now.getTime())) throw new Error(`--now ${JSON.stringify(values.now)} is not an ISO 8601 date-time`);
    return { headline, seedsDir: path.resolve(values.seeds), now, timeZone: getSite().timeZone };
  } catch (cause) {
    return fail(cause);
  }
})();

const local = DateTime.fromJSDate(now, { zone: timeZone });
const day = local.toISODate()!;
// The slug is the URL's last part too; a headline slugify cannot spell gets a short hash.
const file = path.join(seedsDir, `${day}-${slugFor(headline).slice(0, 60).replace(/-+$/, "")}.md`);

const text = `---
title: ${JSON.stringify(headline)}
date: ${local.toFormat("yyyy-MM-dd'T'HH:mm")}
author: ""
# excerpt: One or two sentences under the headline.
tags: []
categories: []
# image: images/photo.jpg
# image_alt: What the photo shows.
draft: true
---

Write the article here. Leave a blank line between paragraphs.
`;

await mkdir(seedsDir, { recursive: true });
try {
  await writeFile(file, text, { flag: "wx" }); // wx: fail rather than overwrite
} catch (cause) {
  if ((cause as NodeJS.ErrnoException).code === "EEXIST") {
    console.error(`error: ${labelFor(file)} already exists; it was left as it is. Edit it, or choose another headline.`);
    process.exit(1);
  }
  fail(cause);
}
console.log(labelFor(file));
console.error("It is a draft: `npm start` shows it; set `draft: false` to publish it.");
