/**
 * `npm start` watches the seeds folder: each file event under it, as a path, goes to the seed
 * events queue (settle-events.ts), which reads the seed once its events stop.
 *
 * macOS and Windows watch a tree natively, with one handle. Linux's inotify watches one folder at
 * a time, and Node 20's recursive fs.watch there (lib/internal/fs/recursive_watch.js) watches every
 * file and every folder, keeping a stat of each: at 100,000 seeds that was 100,000 inotify watches
 * (about 1 KB of kernel memory each, from a per-user budget that many systems set at 8,192: past
 * it a watch fails with ENOSPC, and no edit is seen), 1.4 s of the preview's start and 140 MB of
 * its heap. A folder's watch reports what happens to the files in it, so here only folders are
 * watched: 113 watches for those seeds (Houston's fix for the same problem does the same,
 * https://github.com/gethouston/houston/pull/1042).
 *
 * What the seed listing passes over (src/read/walk.ts: hidden files and folders, `node_modules`)
 * is not watched nor reported: an editor's swap file written every few seconds started rebuilds
 * of a site it does not change.
 */
import { lstatSync, readdirSync, watch, type FSWatcher } from "node:fs";
import path from "node:path";
import { isInside, isPassedOver, isSkippedName } from "../read/walk.ts";

export interface TreeWatch {
  close(): void;
}

/**
 * Watches every file under `root`: `onChange` gets the path of each one created, written, renamed
 * or deleted (a folder that appears, with what it holds, reports each file in it). Paths are those
 * of events: a file may be reported more than once, and one gone since. `onError` gets what failed.
 */
export function watchTree(root: string, onChange: (file: string) => void, onError: (cause: Error) => void): TreeWatch {
  return process.platform === "linux" ? watchFolders(root, onChange, onError) : watchNatively(root, onChange, onError);
}

function watchNatively(root: string, onChange: (file: string) => void, onError: (cause: Error) => void): TreeWatch {
  const watcher = watch(root, { recursive: true }, (_event, name) => {
    if (name && !isPassedOver(name.toString())) onChange(path.join(root, name.toString()));
  });
  watcher.on("error", onError);
  return watcher;
}

const codeOf = (cause: unknown) => (cause as NodeJS.ErrnoException).code;

/** Linux: one inotify watch per folder, a folder's watch added when it appears and closed when it goes. */
function watchFolders(root: string, onChange: (file: string) => void, onError: (cause: Error) => void): TreeWatch {
  const watchers = new Map<string, FSWatcher>();
  let closed = false;
  const failed = (folder: string, cause: unknown) => {
    const hint = codeOf(cause) === "ENOSPC" ? ": the system's limit on inotify watches is reached (raise fs.inotify.max_user_watches)" : "";
    onError(new Error(`could not watch ${folder}${hint}`, { cause }));
  };

  /** Watches `folder` and the folders in it; `announce`: also reports each file found (it appeared with them, and they gave no event). */
  const add = (folder: string, announce: boolean) => {
    if (closed || watchers.has(folder)) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(folder, (event, name) => {
        if (name) changed(folder, name.toString(), event);
      });
    } catch (cause) {
      // Gone again, or not a folder any more: its parent's next event says so.
      const gone = codeOf(cause) === "ENOENT" || codeOf(cause) === "ENOTDIR";
      if (!gone || folder === root) failed(folder, cause);
      return;
    }
    watcher.on("error", (cause) => {
      forget(folder);
      if (codeOf(cause) !== "ENOENT") failed(folder, cause);
    });
    // Watched before it is listed: a file made in between gives an event, one made before is listed.
    watchers.set(folder, watcher);
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const isFolder = entry.isDirectory();
      if (isSkippedName(entry.name, isFolder)) continue;
      const at = path.join(folder, entry.name);
      if (isFolder) add(at, announce);
      else if (announce) onChange(at);
    }
  };

  const changed = (folder: string, name: string, event: string) => {
    if (closed || isSkippedName(name, false)) return;
    const at = path.join(folder, name);
    // "rename": created, deleted or moved, maybe a folder; "change": a file written.
    const stat = event === "rename" ? lstatSync(at, { throwIfNoEntry: false }) : undefined;
    if (stat?.isDirectory()) {
      if (!isSkippedName(name, true)) add(at, true);
    } else {
      onChange(at);
      if (event === "rename" && !stat) forget(at);
    }
  };

  /** Closes the watches of `folder` and of the folders under it (gone, or moved away). */
  const forget = (folder: string) => {
    for (const [watched, watcher] of watchers) {
      if (!isInside(folder, watched)) continue;
      watcher.close();
      watchers.delete(watched);
    }
  };

  add(root, false);
  return {
    close() {
      closed = true;
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}
