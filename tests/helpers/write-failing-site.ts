/**
 * Writes a site of 1,200 pages into the folder given whose 700th page's template fails, through
 * write-site.ts, and prints the error as JSON. The process must then end by itself: a writer
 * thread left running would keep it open (tests/unit/file-writer.test.ts).
 */
import { writeSitePages, type SitePlan } from "../../src/publish/write-site.ts";
import type { SitePage } from "../../src/render/site-pages.ts";

const pages: SitePage[] = Array.from({ length: 1200 }, (_, i) => ({
  url: `/p/${i}/`,
  inputs: i,
  source: `wire/${i}.md`,
  render: () => {
    if (i === 700) throw new TypeError("a template failed");
    return `<p>${i}</p>\n`;
  },
}));
try {
  await writeSitePages({ pages } as Partial<SitePlan> as SitePlan, process.argv[2]!);
  console.log(JSON.stringify({ written: true }));
} catch (error) {
  console.log(JSON.stringify({ message: (error as Error).message, cause: ((error as Error).cause as Error).message }));
}
