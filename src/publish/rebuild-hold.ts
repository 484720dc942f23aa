/**
 * `npm start` shows a saved article's page at once (preview-fast.ts), but the
 * rebuild that follows runs on the same thread as the preview's web server,
 * and its longer steps do not yield: at 100,000 seeds the browser's request
 * for that early page waited 5 s for the rebuild to let it through. So once an
 * early page is shown, rebuilds are held back for a moment (`graceMs`), long
 * enough for the browser to fetch the page it was told to reload; changes
 * that come meanwhile wait with them, and all go to the rebuild together.
 */
export interface RebuildHold {
  /** `file` changed; `early`: its page was just shown, so hold rebuilds for a moment from now. */
  changed(file: string, early: boolean): void;
}

export function rebuildHold(rebuild: (file: string) => void, graceMs: number): RebuildHold {
  let until = 0;
  const held = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const flush = (): void => {
    const left = until - performance.now();
    if (left > 0) {
      timer = setTimeout(flush, left);
      return;
    }
    timer = undefined;
    const files = [...held];
    held.clear();
    for (const file of files) rebuild(file);
  };
  return {
    changed(file, early) {
      if (early) until = performance.now() + graceMs;
      if (performance.now() >= until) return rebuild(file);
      held.add(file);
      timer ??= setTimeout(flush, until - performance.now());
    },
  };
}
