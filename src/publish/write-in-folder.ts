/**
 * Writes a file, making its folder first unless `made` says it was made:
 * a site's pages share few folders per page, and asking for a folder that
 * exists is a system call per page. Used by this thread's writes and by the
 * file writer's thread (file-writer-thread.ts), which imports nothing else.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

export function writeInFolder(file: string, data: string | Uint8Array, made: Set<string>): void {
  const folder = path.dirname(file);
  if (!made.has(folder)) mkdirSync(folder, { recursive: true }), made.add(folder);
  writeFileSync(file, data);
}
