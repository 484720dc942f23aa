/**
 * The unit of parallel work: a batch of seeds, run through the per-file
 * pipeline in whichever thread took it. A worker returns its batch as one
 * "pack" (the encoded records back to back, codec.ts) whose buffer is
 * transferred, not copied; the persistent cache writes the same pack to disk.
 */
import { createHash } from "node:crypto";
import { decodeResult, encodeResult } from "./codec.ts";
import { ingestSeed, type FileDeps, type FileResult, type SeedOutcome } from "./file.ts";

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
export interface BatchContext {
  seedsDir: string;
  timeZone: string;
  nowMillis: number;
}

export interface PackedRecord {
  hash: string | null;
  deps: FileDeps;
  offset: number;
  length: number;
}

export interface PackedBatch {
  pack: Uint8Array;
  /** Hex SHA-256 of `pack`: the cache checks it before trusting a pack read back from disk. */
  sha: string;
  records: PackedRecord[];
}

export function runItems(items: readonly WorkItem[], ctx: BatchContext): SeedOutcome[] {
  return items.map((item) => ingestSeed(item, { ...ctx, git: item.git }));
}

export function packOutcomes(outcomes: readonly SeedOutcome[]): PackedBatch {
  const blobs = outcomes.map((o) => encodeResult(o.result));
  // Never a pooled Buffer: its ArrayBuffer is transferred to another thread.
  const pack = Buffer.allocUnsafeSlow(blobs.reduce((n, b) => n + b.length, 0));
  const records: PackedRecord[] = [];
  let offset = 0;
  outcomes.forEach((o, i) => {
    const blob = blobs[i]!;
    blob.copy(pack, offset);
    records.push({ hash: o.hash, deps: o.deps, offset, length: blob.length });
    offset += blob.length;
  });
  return { pack, sha: packSha(pack), records };
}

export const packSha = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");

export function unpack(packed: PackedBatch): FileResult[] {
  return packed.records.map((r) => decodeResult(packed.pack.subarray(r.offset, r.offset + r.length)));
}
