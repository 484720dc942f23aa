/**
 * The unit of parallel work: a batch of seeds, run through the per-file
 * pipeline in whichever thread took it. A worker returns its batch as one
 * "pack" (the encoded records, metas then texts: codec.ts) whose buffer is
 * transferred, not copied; the persistent cache writes the same pack to disk.
 */
import { spill } from "./body-spill.ts";
import { packSha } from "./checked-file.ts";
import { decodeResult, encodeResult, type EncodedResult } from "./codec.ts";
import { ingestSeed, type FileContext, type FileDeps, type FileResult, type SeedOutcome } from "./file.ts";

/** A seed as a worker needs it (plain data: it crosses threads). */
export interface WorkItem {
  abs: string;
  rel: string;
  size: number;
  mtimeMs: number;
  /** The file's first-commit date, if in git. */
  git?: string;
}

/** The build-wide part of the context, the same for every file. */
export type BatchContext = Omit<FileContext, "git">;

/** Where a record lies in its pack: its meta from the pack's start, its texts from the texts section's start. */
export interface RecordPlace {
  offset: number;
  length: number;
  textOffset: number;
  textLength: number;
}

export interface PackedRecord extends RecordPlace {
  hash: string | null;
  deps: FileDeps;
}

/**
 * Encoded records: every record's meta back to back (`metaBytes` of them),
 * then every record's texts (codec.ts). Each section has its own hex SHA-256:
 * the cache checks the metas' when it reads a pack back, the texts' when a
 * record's html or text is first read.
 */
export interface Pack {
  pack: Uint8Array;
  metaBytes: number;
  sha: string;
  textSha: string;
}

export interface PackedBatch extends Pack {
  records: PackedRecord[];
}

export function runItems(items: readonly WorkItem[], ctx: BatchContext): SeedOutcome[] {
  return items.map((item) => ingestSeed(item, { ...ctx, git: item.git }));
}

/** One pack of `records`, in order, and where each landed. */
export function buildPack(records: readonly EncodedResult[]): Pack & { places: RecordPlace[] } {
  let metaBytes = 0;
  let textBytes = 0;
  for (const r of records) {
    metaBytes += r.meta.length;
    textBytes += r.texts.length;
  }
  // Never a pooled Buffer: its ArrayBuffer is transferred to another thread.
  const pack = Buffer.allocUnsafeSlow(metaBytes + textBytes);
  const places: RecordPlace[] = [];
  let offset = 0;
  let textOffset = 0;
  for (const r of records) {
    pack.set(r.meta, offset);
    pack.set(r.texts, metaBytes + textOffset);
    places.push({ offset, length: r.meta.length, textOffset, textLength: r.texts.length });
    offset += r.meta.length;
    textOffset += r.texts.length;
  }
  return { pack, metaBytes, sha: packSha(pack.subarray(0, metaBytes)), textSha: packSha(pack.subarray(metaBytes)), places };
}

export function packOutcomes(outcomes: readonly SeedOutcome[]): PackedBatch {
  const { places, ...pack } = buildPack(outcomes.map((o) => encodeResult(o.result)));
  return { ...pack, records: outcomes.map((o, i) => ({ hash: o.hash, deps: o.deps, ...places[i]! })) };
}

/** A pack's records; their html and text go to the spill file (body-spill.ts), read back and decoded when read (codec.ts). */
export function unpack(packed: PackedBatch): FileResult[] {
  const { pack, metaBytes } = packed;
  const at = spill(pack.subarray(metaBytes));
  return packed.records.map((r) => decodeResult(pack.subarray(r.offset, r.offset + r.length), at + r.textOffset));
}
