/**
 * The part of Eleventy 3's API this project uses. Eleventy ships JSDoc, not
 * declarations; naming only what we call keeps `tsc --strict` honest.
 * https://www.11ty.dev/docs/programmatic/ https://www.11ty.dev/docs/config/
 */
declare module "@11ty/eleventy" {
  export interface EleventyEventArgs {
    directories: { input: string; output: string; includes: string; data: string };
    runMode: "build" | "watch" | "serve";
  }
  export interface UserConfig {
    addExtension(ext: string, options: { key: string }): void;
    setTemplateFormats(formats: string[] | string): void;
    addGlobalData(name: string, value: unknown): void;
    addWatchTarget(path: string): void;
    setWatchThrottleWaitTime(ms: number): void;
    setQuietMode(quiet: boolean): void;
    setUseGitIgnore(use: boolean): void;
    ignores: Set<string>;
    watchIgnores: Set<string>;
    on(event: "eleventy.before" | "eleventy.after", fn: (args: EleventyEventArgs) => unknown): void;
    on(event: "eleventy.beforeWatch", fn: (changed: string[]) => unknown): void;
    addPlugin<O>(plugin: (config: UserConfig, options: O) => unknown, options?: O): void;
    addFilter(name: string, fn: (...args: never[]) => unknown): void;
    setServerOptions(options: Record<string, unknown>): void;
    directories: { input: string; output: string };
  }
  export interface EleventyOptions {
    /** A config file, or false for none (the config given as `config` instead). */
    configPath?: string | false;
    quietMode?: boolean;
    pathPrefix?: string;
    config?: (config: UserConfig) => void | Promise<void>;
  }
  export class Eleventy {
    constructor(input?: string, output?: string, options?: EleventyOptions);
    write(): Promise<unknown>;
    toJSON(): Promise<Array<{ url: string; outputPath: string; content: string }>>;
  }
}
