// Types of bundle-fields.mjs (plain JavaScript: scripts/run.mjs imports it before TypeScript can run).
import type { Plugin } from "esbuild";

export declare const MARKDOWN_IT_DIST: RegExp;
export declare function assignFields(source: string): { code: string; fields: string[] };
export declare const bundleSource: (file: string, source: string) => string;
export declare const assignedFields: Plugin;
