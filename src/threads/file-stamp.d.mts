// Types of file-stamp.mjs (plain JavaScript: scripts/run.mjs imports it before TypeScript can run).
export declare function fileStamp(file: string): [size: number, mtimeMs: number];
