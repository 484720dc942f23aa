/**
 * First-commit dates for undated seeds, from ONE `git log` over the whole
 * seeds folder (not one process per file: that would not scale to 100k seeds).
 * Outside a git checkout, or when git is missing, the map is simply empty.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Seed path relative to the seeds folder → ISO date of the commit that added it. */
export async function gitFirstCommitDates(seedsDir: string): Promise<Map<string, string>> {
  const dates = new Map<string, string>();
  try {
    // Newest first; later (older) records overwrite, so each file keeps its first commit.
    // `-z`: names come NUL-terminated and unquoted (accents, spaces, even newlines).
    // `--relative`: names relative to the seeds folder, so one process (started before the walk
    // of the seeds, which it runs beside) instead of asking for the top of the checkout first.
    const { stdout } = await run(
      "git",
      ["-c", "core.quotePath=false", "log", "-z", "--relative", "--diff-filter=A", "--no-renames", "--format=%x01%aI", "--name-only", "--", "."],
      { cwd: path.resolve(seedsDir), maxBuffer: 256 * 1024 * 1024 },
    );
    let current = "";
    for (const raw of stdout.split("\0")) {
      const token = raw.startsWith("\n") ? raw.slice(1) : raw;
      if (token.startsWith("\x01")) current = token.slice(1).trim();
      else if (token && current) dates.set(token, current);
    }
  } catch {
    // Not a git checkout (a tarball, a temp folder): fall back to mtime.
  }
  return dates;
}
