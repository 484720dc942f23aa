/**
 * `npm start` handles a seed's file events once they have stopped for a moment.
 *
 * A save is several events (created, written, closed, renamed), and a watcher may give the first
 * before the file is written: Node 20's recursive fs.watch on Linux, which the preview used before
 * its folder watches (seed-watch.ts), watched a new file only after listing its folder, so a file
 * written at once after it was created often gave its one event while still empty, and its page
 * waited for the rebuild (1.1–1.3 s at 10,000 seeds). The same race in other watchers:
 * https://github.com/emcrisostomo/fswatch/issues/330. Handled `quietMs` after its last event, the
 * file is read once the save is done; an edit is shown that much later.
 *
 * A busy machine can still pause the writer between creating the file and writing it for longer
 * than that, and no event would follow the write: a file found empty (`unwritten`) is looked at
 * again, `quietMs` later each time, up to `looks` times in all, then handled as it is (an empty
 * seed is reported as such).
 */
export function settleEvents(
  quietMs: number,
  handle: (file: string) => void,
  { unwritten = () => false, looks = 5 }: { unwritten?: (file: string) => boolean; looks?: number } = {},
): { changed(file: string): void; close(): void } {
  const timers = new Map<string, NodeJS.Timeout>();
  const after = (file: string, looked: number) =>
    timers.set(
      file,
      setTimeout(() => {
        timers.delete(file);
        if (looked + 1 < looks && unwritten(file)) after(file, looked + 1);
        else handle(file);
      }, quietMs),
    );
  return {
    changed(file) {
      clearTimeout(timers.get(file));
      after(file, 0);
    },
    close() {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}
