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
    const cwd = path.resolve(seedsDir);
    const { stdout: top } = await run("git", ["rev-parse", "--show-toplevel"], { cwd });
    const prefix = path.relative(top.trim(), cwd).split(path.sep).join("/");
    // Newest first; later (older) lines overwrite, so each file keeps its first commit.
    const { stdout } = await run(
      "git",
      ["log", "--diff-filter=A", "--no-renames", "--format=%x00%aI", "--name-only", "--", "."],
      { cwd, maxBuffer: 256 * 1024 * 1024 },
    );
    let current = "";
    for (const line of stdout.split("\n")) {
      if (line.startsWith("\0")) current = line.slice(1);
      else if (line && current) {
        const rel = prefix && line.startsWith(prefix + "/") ? line.slice(prefix.length + 1) : line;
        dates.set(rel, current);
      }
    }
  } catch {
    // Not a git checkout (a tarball, a temp folder): fall back to mtime.
  }
  return dates;
}
