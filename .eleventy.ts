/**
 * Eleventy configuration: a table of contents. Seeds are data, never
 * templates, and so is everything else in the project: Eleventy has no
 * template formats at all. The pages are written by the site writer plugin
 * from the ingested records with our typed templates (src/render/site-pages.ts
 * lists them; the plugin says why). Run through tsx:
 * `node --import tsx …/cmd.cjs --config=.eleventy.ts`.
 */
import type { UserConfig } from "@11ty/eleventy";
import { getSite } from "./src/render/newsroom.ts";
import { siteWriter } from "./src/render/plugins/site-writer.ts";
import { staticAssets } from "./src/render/plugins/static-assets.ts";
import { previewPlugin } from "./src/publish/preview-plugin.ts";

export default function (eleventyConfig: UserConfig) {
  // No template formats: nothing in the project (a seed, a stray `.md` or `.11ty.js`) is ever run as a template.
  // Set here, not in a plugin: Eleventy fixes the template formats before it runs plugins.
  eleventyConfig.setTemplateFormats([]);
  for (const dir of ["seeds/**", "tests/**", "bench/**", "scripts/**", "_site*/**", ".cache/**", "screenshots/**"]) eleventyConfig.ignores.add(dir);

  eleventyConfig.addPlugin(siteWriter); // pages: every page whose inputs changed, from the ingested records; images; search
  eleventyConfig.addPlugin(staticAssets); // files: stylesheet, icons, search script
  eleventyConfig.addPlugin(previewPlugin); // npm start: watch seeds/, re-ingest changed files, report them (no-op in builds)

  return {
    // No `output` here: the build command chooses it (a config value would override the CLI).
    dir: { input: ".", includes: "_includes", data: "_data" },
    pathPrefix: getSite().pathPrefix,
  };
}
