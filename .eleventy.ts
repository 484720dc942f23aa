/**
 * Eleventy configuration: a table of contents. Seeds are data, never
 * templates: the only template format is our typed `.11ty.ts` page modules
 * (src/render/pages/), and article records come from the ingest pipeline as
 * global data. Run through tsx: `node --import tsx …/cmd.cjs --config=.eleventy.ts`.
 */
import type { UserConfig } from "@11ty/eleventy";
import { getSite } from "./src/render/newsroom.ts";
import { newsroomGlobalData } from "./src/render/plugins/newsroom-data.ts";
import { staticAssets } from "./src/render/plugins/static-assets.ts";
import { previewPlugin } from "./src/publish/preview-plugin.ts";

export default function (eleventyConfig: UserConfig) {
  // Templates: .11ty.ts page modules only (PITFALLS.md: they need the 11ty.js key). Set here, not in a
  // plugin: Eleventy fixes the template formats before it runs plugins.
  eleventyConfig.addExtension("11ty.ts", { key: "11ty.js" });
  eleventyConfig.setTemplateFormats(["11ty.ts"]);
  for (const dir of ["seeds/**", "tests/**", "bench/**", "scripts/**", "_site*/**", ".cache/**", "screenshots/**"]) eleventyConfig.ignores.add(dir);

  eleventyConfig.addPlugin(newsroomGlobalData); // data: `newsroom`, grouped once per build; article images
  eleventyConfig.addPlugin(staticAssets); // files: stylesheet, icons, search script
  eleventyConfig.addPlugin(previewPlugin); // npm start: watch seeds/, re-ingest changed files, report them (no-op in builds)

  return {
    // No `output` here: the build command chooses it (a config value would override the CLI).
    dir: { input: ".", includes: "_includes", data: "_data" },
    pathPrefix: getSite().pathPrefix,
  };
}
