/**
 * The part of Eleventy 3's programmatic API `npm start` uses (watch and serve),
 * merged into the declarations in src/types/eleventy.d.ts.
 * https://www.11ty.dev/docs/programmatic/ https://www.11ty.dev/docs/dev-server/
 */
declare module "@11ty/eleventy" {
  export interface EleventyOptions {
    runMode?: "build" | "watch" | "serve";
  }
  export interface EleventyEventArgs {
    /** What the build wrote (Eleventy 3): one entry per page. */
    results?: Array<{ inputPath: string; outputPath: string | false; url: string | false }>;
  }
  export interface EleventyDevServer {
    getServerUrl(host: string, pathname?: string): string;
  }
  export interface Eleventy {
    init(): Promise<void>;
    /** Builds, then watches; resolves with the function that queues a rebuild for a changed path. */
    watch(): Promise<(path: string) => Promise<void>>;
    serve(port?: number): Promise<void>;
    stopWatch(): Promise<void>;
    /** The dev server's wrapper: `reload` tells the open pages to reload (as after a build). */
    eleventyServe: { reload(event: { files?: string[] }): Promise<void> };
    /** chokidar's watcher, once `watch()` resolved. */
    watcher?: { on(event: "unlink" | "unlinkDir", fn: (path: string) => void): void };
  }
}
export {};
