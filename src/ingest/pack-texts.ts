/**
 * Article bodies read from the ingest cache's packs (disk-cache.ts): each
 * record's html and text lie in its pack's texts section. A section is read
 * and checked against its SHA-256 whole, once a process, and then held while
 * it is among the sections read last, up to HELD_BYTES in all; a record whose
 * section is no longer held reads its own bytes from the pack, which was
 * found intact and is never written again (a pack is written once, under a
 * new name, and only ever deleted).
 *
 * Every record of a section used to hold the whole section: a build that
 * renders every page from the cache (the preview's first build, a template
 * changed) then held every body it had read until its records went, 833 MB
 * at 100,000 seeds, which the preview kept between builds for its early
 * pages (src/publish/preview-fast.ts).
 */
import { closeSync, openSync } from "node:fs";
import { readFully } from "./read-fully.ts";
import { envNumber } from "../site/env-number.ts";

/** The most bytes of sections held: two dozen packs of a worker batch (1.3 MB of texts each at 10,000 seeds). */
const HELD_BYTES = envNumber("NEWSROOM_PACK_TEXTS_HELD") ?? 32 * 1024 * 1024;

/** Held sections by pack file, the one read last at the end. */
const held = new Map<string, Buffer>();
let heldBytes = 0;
/** Pack files whose texts section was read whole and found intact in this process. */
const intact = new Set<string>();

/**
 * `length` bytes at `offset` of the texts section that starts at `start` in pack `file`;
 * `readChecked` reads that section whole and checks it (undefined: damaged or gone). Undefined
 * when the section is damaged, or the pack gone since it was checked.
 */
export function packTexts(file: string, start: number, offset: number, length: number, readChecked: () => Buffer | undefined): Buffer | undefined {
  let section = held.get(file);
  if (section) {
    held.delete(file);
    held.set(file, section);
  } else if (intact.has(file)) {
    return readAt(file, start + offset, length);
  } else {
    section = readChecked();
    if (!section) return undefined;
    intact.add(file);
    hold(file, section);
  }
  return section.subarray(offset, offset + length);
}

function hold(file: string, section: Buffer): void {
  if (section.length > HELD_BYTES) return;
  for (const [oldest, bytes] of held) {
    if (heldBytes + section.length <= HELD_BYTES) break;
    held.delete(oldest);
    heldBytes -= bytes.length;
  }
  held.set(file, section);
  heldBytes += section.length;
}

/** `length` bytes at `position` of `file`; undefined when it is gone or shorter. */
function readAt(file: string, position: number, length: number): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch {
    return undefined;
  }
  try {
    const bytes = Buffer.allocUnsafe(length);
    return readFully(fd, bytes, position) ? bytes : undefined;
  } finally {
    closeSync(fd);
  }
}

/** Lets every held section go (the preview, once a build has written its pages): bodies read later are read from their packs. */
export function releasePackTexts(): void {
  held.clear();
  heldBytes = 0;
}

/** How many bytes of sections are held now (for the tests). */
export const heldPackTexts = (): number => heldBytes;
