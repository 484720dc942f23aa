// @ts-check
/**
 * A file written beside itself and renamed into place, so that a process starting meanwhile never
 * reads half of it: a command's script and code cache (scripts/run-script.mjs), a bundle's inputs
 * (scripts/run.mjs), the kept module-graph hashes (source-hash.ts), a site's manifest
 * (manifest.ts), and the pages and static files `npm start` serves while it writes them
 * (write-in-folder.ts, preview-fast.ts, static-assets.ts). Plain JavaScript: scripts/run.mjs
 * imports it before TypeScript can run.
 */
import { renameSync, writeFileSync } from "node:fs";

export function writeFileAtomically(/** @type {string} */ file, /** @type {string | NodeJS.ArrayBufferView} */ data) {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}
