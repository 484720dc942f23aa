/**
 * First-commit dates for undated seeds, from ONE `git log` over the whole
 * seeds folder (not one process per file: that would not scale to 100k seeds).
 * Outside a git checkout, or when git is missing, the map is simply empty.
 *
 * That log reads the whole history: 1.9 s in a checkout of 10,000 commits
 * (one per article), on every build. So the dates are kept with the commit
 * they were read at (`store`, beside the ingest cache): while HEAD is that
 * commit they are used as they are; when HEAD has moved on from it, only the
 * new commits are read (a file's first commit is never among them if it was
 * already known); after anything else (a rebase, an amend, a merge among the
 * new commits) the whole log is read again, once.
 *
 * A shallow clone (CI checkouts: GitHub's actions/checkout fetches one commit
 * by default) shows every file present at its oldest commits as added there.
 * Those dates are not the files' first commits, so such a file gets
 * BEFORE_SHALLOW_HISTORY instead: dated by its modification time, and told
 * why and what to fix (infer/rules/fallback_date.ts).
 * https://git-scm.com/docs/shallow
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Where the dates of the last run are kept (any value in, the same value out; undefined when none). */
export interface GitDatesStore {
  read(): unknown;
  write(value: unknown): void;
}

/** The "date" of a seed added in a shallow clone's oldest commits, whose first commit the clone does not have. */
export const BEFORE_SHALLOW_HISTORY = "before the shallow clone's history";

/** What to do about it, for the seed's message and the build's note. */
export const WHOLE_HISTORY_HINT = "build from a clone with the whole history (`git fetch --unshallow`; GitHub's actions/checkout: `fetch-depth: 0`)";

interface Stored {
  dir: string;
  head: string;
  /** The shallow clone's boundary commits, sorted, one per line; "" for a whole history. */
  shallow: string;
  dates: Map<string, string>;
}

const isStored = (v: unknown): v is Stored =>
  typeof v === "object" &&
  v !== null &&
  typeof (v as Stored).dir === "string" &&
  typeof (v as Stored).head === "string" &&
  typeof (v as Stored).shallow === "string" &&
  (v as Stored).dates instanceof Map;

/** `git` in `cwd`; its output, or undefined when it fails (not a checkout, no commits, no git). */
async function git(cwd: string, args: string[]): Promise<string | undefined> {
  try {
    return (await run("git", ["-c", "core.quotePath=false", ...args], { cwd, maxBuffer: 256 * 1024 * 1024 })).stdout;
  } catch {
    return undefined;
  }
}

/** The boundary commits listed in a shallow clone's `shallow` file, sorted, one per line; "" when there is none (a whole history); undefined if it cannot be read. */
function shallowBoundary(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8").split("\n").filter(Boolean).sort().join("\n");
  } catch (cause) {
    return (cause as NodeJS.ErrnoException).code === "ENOENT" ? "" : undefined;
  }
}

/**
 * The files added by the commits of `range`, each with the date of the oldest commit adding it
 * (BEFORE_SHALLOW_HISTORY for one of the `shallow` boundary commits); undefined if git fails.
 */
async function addedIn(cwd: string, range: string, shallow: string): Promise<Map<string, string> | undefined> {
  // `-z`: names come NUL-terminated and unquoted (accents, spaces, even newlines); `--relative`:
  // relative to the seeds folder.
  const out = await git(cwd, ["log", "-z", "--relative", "--diff-filter=A", "--no-renames", "--format=%x01%H %aI", "--name-only", range, "--", "."]);
  if (out === undefined) return undefined;
  const boundary = new Set(shallow ? shallow.split("\n") : []);
  const dates = new Map<string, string>();
  let current = "";
  // Newest first; later (older) records overwrite, so each file keeps its first commit.
  for (const raw of out.split("\0")) {
    const token = raw.startsWith("\n") ? raw.slice(1) : raw;
    if (token.startsWith("\x01")) {
      const [hash = "", date = ""] = token.slice(1).trim().split(" ");
      current = boundary.has(hash) ? BEFORE_SHALLOW_HISTORY : date;
    } else if (token && current) dates.set(token, current);
  }
  return dates;
}

/**
 * The kept dates brought up to `head`: only when `head` descends from their commit through
 * commits without merges (a merged branch can bring older commits, which the whole log orders
 * among the others). Undefined otherwise.
 */
async function movedOn(dir: string, known: Stored, head: string): Promise<Map<string, string> | undefined> {
  const range = `${known.head}..${head}`;
  if ((await git(dir, ["merge-base", "--is-ancestor", known.head, head])) === undefined) return undefined;
  if ((await git(dir, ["rev-list", "--count", "--merges", range]))?.trim() !== "0") return undefined;
  const added = await addedIn(dir, range, known.shallow);
  if (!added) return undefined;
  for (const [file, date] of added) if (!known.dates.has(file)) known.dates.set(file, date);
  return known.dates;
}

/** Seed path relative to the seeds folder → ISO date of the commit that added it, or BEFORE_SHALLOW_HISTORY. */
export async function gitFirstCommitDates(seedsDir: string, store?: GitDatesStore): Promise<Map<string, string>> {
  const dir = path.resolve(seedsDir);
  // One process: where git keeps a shallow clone's boundary, then HEAD.
  const [shallowFile, head] = (await git(dir, ["rev-parse", "--git-path", "shallow", "--verify", "-q", "HEAD"]))?.trim().split("\n") ?? [];
  // Not a checkout, or one without commits (a tarball, a temp folder): dates fall back to mtime.
  if (!shallowFile || !head) return new Map();
  const shallow = shallowBoundary(path.resolve(dir, shallowFile));
  if (shallow === undefined) return new Map();
  const stored: unknown = store?.read();
  // Deepening a shallow clone keeps HEAD but brings first commits: the kept dates go with its boundary.
  const known = isStored(stored) && stored.dir === dir && stored.shallow === shallow ? stored : undefined;
  if (known?.head === head) return known.dates;
  const dates = (known && (await movedOn(dir, known, head))) ?? (await addedIn(dir, head, shallow));
  // git failed: no dates, and none kept for this commit.
  if (!dates) return new Map();
  store?.write({ dir, head, shallow, dates } satisfies Stored);
  return dates;
}
