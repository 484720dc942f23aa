// Types of write-atomically.mjs (plain JavaScript: scripts/run.mjs imports it before TypeScript can run).
export declare function writeFileAtomically(file: string, data: string | NodeJS.ArrayBufferView): void;
