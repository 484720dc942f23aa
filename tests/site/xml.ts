/**
 * Sitemap validation with xmllint against the official XSDs (sitemaps.org
 * and Google's news and image extensions), which this environment keeps in
 * ../shared/schemas beside the project; `SITEMAP_SCHEMAS=DIR` points
 * elsewhere (a clone outside /work). A urlset may carry the news and image
 * extensions, which the sitemap XSD checks strictly (`processContents="strict"`),
 * so one wrapper schema imports all three namespaces.
 */
import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ROOT, tempDir } from "../helpers/cli.ts";

const CANDIDATES = [process.env.SITEMAP_SCHEMAS, path.resolve(ROOT, "../shared/schemas"), "/work/shared/schemas"];
const found = CANDIDATES.find((dir) => dir && existsSync(path.join(dir, "sitemap.xsd")));
if (!found) throw new Error(`sitemap XSDs not found in ${CANDIDATES.filter(Boolean).join(", ")}; set SITEMAP_SCHEMAS to their folder`);
export const SCHEMAS: string = found;

let wrapper: string | undefined;
function urlsetSchema(): string {
  if (wrapper) return wrapper;
  wrapper = path.join(tempDir("xsd"), "urlset.xsd");
  const imp = (ns: string, file: string) => `  <xsd:import namespace="${ns}" schemaLocation="${path.join(SCHEMAS, file)}"/>`;
  writeFileSync(
    wrapper,
    [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">',
      imp("http://www.sitemaps.org/schemas/sitemap/0.9", "sitemap.xsd"),
      imp("http://www.google.com/schemas/sitemap-news/0.9", "sitemap-news.xsd"),
      imp("http://www.google.com/schemas/sitemap-image/1.1", "sitemap-image.xsd"),
      "</xsd:schema>",
    ].join("\n"),
  );
  return wrapper;
}

/** xmllint --schema; returns its exit code and messages. `kind` picks the schema. */
export function xmllint(file: string, kind: "urlset" | "index") {
  const schema = kind === "urlset" ? urlsetSchema() : path.join(SCHEMAS, "siteindex.xsd");
  const r = spawnSync("xmllint", ["--noout", "--schema", schema, file], { encoding: "utf8" });
  return { code: r.status, output: `${r.stdout}${r.stderr}` };
}
