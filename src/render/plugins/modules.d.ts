/**
 * The parts of @11ty/eleventy-img and @11ty/eleventy-plugin-rss this project
 * calls. Both ship JavaScript without declarations; naming only what we use
 * keeps `tsc --strict` honest.
 * https://www.11ty.dev/docs/plugins/image/ https://www.11ty.dev/docs/plugins/rss/
 */
declare module "@11ty/eleventy-img" {
  export interface ImageStat {
    format: string;
    width: number;
    height: number;
    url: string;
    sourceType: string;
    srcset: string;
    filename?: string;
    outputPath?: string;
    size?: number;
  }
  export type ImageMetadata = Record<string, ImageStat[]>;
  export interface ImageOptions {
    widths?: Array<number | "auto" | null>;
    formats?: string[];
    outputDir?: string;
    urlPath?: string;
    useCache?: boolean;
    dryRun?: boolean;
    sharpOptions?: Record<string, unknown>;
    sharpJpegOptions?: Record<string, unknown>;
    sharpWebpOptions?: Record<string, unknown>;
    filenameFormat?: (id: string, src: string, width: number, format: string) => string;
  }
  function Image(src: string, options?: ImageOptions): Promise<ImageMetadata>;
  export default Image;
}

declare module "@11ty/eleventy-plugin-rss" {
  /** RFC 3339 (UTC, no milliseconds), as Atom wants. */
  export function dateToRfc3339(date: Date): string;
  /** Resolve every URL attribute in an HTML fragment against `base` (posthtml). */
  export function convertHtmlToAbsoluteUrls(html: string, base: string, options?: Record<string, unknown>): Promise<string>;
  export function absoluteUrl(url: string, base: string): string;
  export function getNewestCollectionItemDate(items: ReadonlyArray<{ date: Date }>, emptyFallbackDate?: Date): Date;
}
