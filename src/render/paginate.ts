/**
 * Pagination of long lists. Page 1 keeps the list's own URL; later pages live
 * under `page/N/`, so an archive URL never changes when the list grows.
 */
export interface PageLink {
  number: number;
  url: string;
}

export interface Pager {
  /** 1-based. */
  number: number;
  count: number;
  /** Items on all pages together. */
  total: number;
  first: string;
  prev?: string;
  next?: string;
  last: string;
  /** Links around the current page (bounded: O(1) per page, whatever the list length). */
  window: PageLink[];
}

export interface Paged<T> {
  url: string;
  items: T[];
  pager: Pager;
}

export const pageUrl = (base: string, n: number) => (n === 1 ? base : `${base}page/${n}/`);

const WINDOW = 2;

/** How many pages `total` items take at `size` a page: an empty list still gets its first page. */
export const pageCount = (total: number, size: number) => Math.max(1, Math.ceil(total / size));

/** Page `n` (from 1) of `items` in pages of `size`, the list's first page at `base`. */
export function pageOf<T>(items: readonly T[], size: number, base: string, n: number): Paged<T> {
  const count = pageCount(items.length, size);
  const window: PageLink[] = [];
  for (let w = Math.max(1, n - WINDOW); w <= Math.min(count, n + WINDOW); w++) window.push({ number: w, url: pageUrl(base, w) });
  return {
    url: pageUrl(base, n),
    items: items.slice((n - 1) * size, n * size),
    pager: {
      number: n,
      count,
      total: items.length,
      first: base,
      prev: n > 1 ? pageUrl(base, n - 1) : undefined,
      next: n < count ? pageUrl(base, n + 1) : undefined,
      last: pageUrl(base, count),
      window,
    },
  };
}
