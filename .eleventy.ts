/**
 * Eleventy configuration: a table of contents. Seeds are data, never
 * templates: the only template format is our typed `.11ty.ts` page modules,
 * and article records come from the ingest pipeline as global data.
 * Run through tsx: `node --import tsx …/cmd.cjs --config=.eleventy.ts`.
 */
import type { UserConfig } from "@11ty/eleventy";
import { copyAssets } from "./src/publish/assets.ts";
import { getSite, loadNewsroom } from "./src/render/newsroom.ts";
import { newsroomData } from "./src/render/site-data.ts";

export default function (eleventyConfig: UserConfig) {
  // Templates: TypeScript page modules only (PITFALLS.md: .11ty.ts needs a key).
  eleventyConfig.addExtension("11ty.ts", { key: "11ty.js" });
  eleventyConfig.setTemplateFormats(["11ty.ts"]);
  for (const dir of ["seeds/**", "tests/**", "bench/**", "scripts/**", "_site*/**", ".cache/**"]) eleventyConfig.ignores.add(dir);

  // Data: every page sees the same validated records under `newsroom`.
  eleventyConfig.addGlobalData("newsroom", async () => newsroomData(await loadNewsroom(), getSite()));

  // Static files: the stylesheet, and images the seeds name.
  eleventyConfig.addPassthroughCopy({ "_includes/assets": "assets" });
  eleventyConfig.on("eleventy.after", async ({ directories }) => copyAssets((await loadNewsroom()).assets, directories.output));

  return {
    // No `output` here: the build command chooses it (a config value would override the CLI).
    dir: { input: ".", includes: "_includes", data: "_data" },
    pathPrefix: getSite().pathPrefix,
  };
}
