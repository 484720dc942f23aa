/**
 * When a file's stat can stand for its bytes (git's "racily clean" rule).
 * Timestamps are coarse (1–2 s on some file systems), so a file written in
 * the same tick just after it was read keeps the stat it was read with: a
 * stat vouches for the bytes only once it is older than the moment the file
 * was looked at by more than RACY_MS (the coarsest timestamps, FAT's 2 s,
 * plus slack for a file-system clock behind ours).
 */
export const RACY_MS = 3000;

/** Whether a file last changed at `changedMs` (the later of mtime and ctime) was settled when looked at, at `at`. */
export const settledBefore = (changedMs: number, at: number): boolean => changedMs < at - RACY_MS;
