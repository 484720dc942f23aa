/**
 * Eleventy configuration: a table of contents. Seeds are data, never
 * templates, and so is everything else in the project: Eleventy has no
 * template formats at all. The pages are written by the site writer plugin
 * from the ingested records with our typed templates (src/render/site-pages.ts
 * lists them; the plugin says why). Our commands (scripts/build.ts,
 * scripts/serve.ts) import this function and hand it to Eleventy as its
 * configuration (they may run from a bundle, where Eleventy could not load a
 * .ts file); Eleventy's own CLI reads it through tsx:
 * `node --import tsx node_modules/@11ty/eleventy/cmd.cjs --config=.eleventy.ts`.
 */
import type { UserConfig } from "@11ty/eleventy";
import path from "node:path";
import { getSite } from "./src/render/newsroom.ts";
import { siteWriter } from "./src/render/plugins/site-writer.ts";
import { staticAssets } from "./src/render/plugins/static-assets.ts";
import { previewPlugin } from "./src/publish/preview-plugin.ts";

export default function configure(eleventyConfig: UserConfig) {
  // No template formats: nothing in the project (a seed, a stray `.md` or `.11ty.js`) is ever run as a template.
  // Set here, not in a plugin: Eleventy fixes the template formats before it runs plugins.
  eleventyConfig.setTemplateFormats([]);
  for (const dir of ["seeds/**", "tests/**", "bench/**", "scripts/**", "_site*/**", ".cache/**", "screenshots/**"]) eleventyConfig.ignores.add(dir);

  eleventyConfig.addPlugin(siteWriter); // pages: every page whose inputs changed, from the ingested records; images; search
  eleventyConfig.addPlugin(staticAssets); // files: stylesheet, icons, search script
  eleventyConfig.addPlugin(previewPlugin); // npm start: watch seeds/, re-ingest changed files, report them (no-op in builds)

  // Eleventy's default folders (input ".", "_includes", "_data"); no `output`: the command chooses it.
  return { pathPrefix: getSite().pathPrefix };
}

/**
 * Eleventy, for our commands. ELEVENTY_SKIP_ESM_RESOLVER is set before it
 * loads: its ESM cache buster (a module loader thread, so that watch mode can
 * import edited templates and config afresh: Eleventy #3270, #3371) has
 * nothing to reload here, and starting it cost a thread and 0.1 s.
 */
export async function loadEleventy() {
  process.env.ELEVENTY_SKIP_ESM_RESOLVER = "1";
  return (await import("@11ty/eleventy")).Eleventy;
}

/**
 * The options our commands give Eleventy: this configuration, with the site's
 * path prefix, and a seeds folder inside the project ignored. Seeds are never
 * templates: Eleventy has no template formats, and the folder is ignored
 * besides, so a `x.11ty.ts` dropped among the seeds could not run even if a
 * format were added.
 */
export const eleventyOptions = (seedsDir: string, more?: (eleventyConfig: UserConfig) => void) => ({
  configPath: false as const,
  pathPrefix: getSite().pathPrefix,
  config: (eleventyConfig: UserConfig) => {
    configure(eleventyConfig);
    const inProject = path.relative(process.cwd(), seedsDir);
    if (inProject && !inProject.startsWith("..") && !path.isAbsolute(inProject)) eleventyConfig.ignores.add(`${inProject.split(path.sep).join("/")}/**`);
    more?.(eleventyConfig);
  },
});
