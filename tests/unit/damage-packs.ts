/** Damage for the ingest-cache tests: one flipped byte in every pack of a cache folder. */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Flip one bit of the byte at `at(pack length)` in every pack under `cacheDir`. */
export function flipByteInEveryPack(cacheDir: string, at: (length: number) => number): void {
  const packs = path.join(cacheDir, "packs");
  for (const f of readdirSync(packs)) {
    const p = path.join(packs, f);
    const bytes = readFileSync(p);
    const i = at(bytes.length);
    bytes[i] = bytes[i]! ^ 0x20;
    writeFileSync(p, bytes);
  }
}
