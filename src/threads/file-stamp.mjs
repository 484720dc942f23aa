// @ts-check
/**
 * A file's stamp: its size and modification time, [-1, -1] when it is missing. Whatever was made
 * from a file (a command's bundle: scripts/run.mjs; a module graph's hash: source-hash.ts) is
 * used again only while the file has the stamp it had then, so an edit, a checkout or `npm ci`
 * makes it again. Plain JavaScript: scripts/run.mjs imports it before TypeScript can run.
 */
import { statSync } from "node:fs";

/** @returns {[size: number, mtimeMs: number]} */
export function fileStamp(/** @type {string} */ file) {
  const s = statSync(file, { throwIfNoEntry: false });
  return s ? [s.size, s.mtimeMs] : [-1, -1];
}
