/**
 * Writes a file, making its folder first unless `made` says it was made:
 * a site's pages share few folders per page, and asking for a folder that
 * exists is a system call per page. Used by this thread's writes and by the
 * file writer's thread (file-writer-thread.ts), which imports nothing else
 * of ours.
 *
 * `served`: a server reads the folder while it is written (a rebuild of
 * `npm start`), so the file is written beside itself and renamed into place:
 * a page loaded meanwhile is the old one or the new one, never half of one.
 * A build's staging folder (src/publish/atomic.ts) and the preview's first
 * build, which the server waits for, save the rename: 40–80 µs a file here,
 * a second or more for the 17,000 pages of a 10,000-article site.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { writeFileAtomically } from "../threads/write-atomically.mjs";

export function writeInFolder(file: string, data: string | Uint8Array, made: Set<string>, served = false): void {
  const folder = path.dirname(file);
  if (!made.has(folder)) mkdirSync(folder, { recursive: true }), made.add(folder);
  if (served) writeFileAtomically(file, data);
  else writeFileSync(file, data);
}
