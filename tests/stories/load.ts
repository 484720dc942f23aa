/**
 * Test loaders: the five real seeds, and the hand-written fixture corpus.
 * (The real ingest/decoder is written elsewhere; this is a minimal stand-in.)
 */
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import type { StoryInput } from "../../src/stories/index.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const SEEDS_DIR = path.join(root, "seeds");
export const CORPUS_DIR = path.join(root, "tests/fixtures/stories/corpus");
export const EXPECTED_FILE = path.join(root, "tests/fixtures/stories/expected.json");

/**
 * Seeds: YAML front matter gives title and date (003); a leading
 * "date YYYY-MM-DD" gives the date (000); otherwise undated, and a short
 * first line followed by a blank line is the title (002).
 */
export function loadSeeds(): StoryInput[] {
  return readdirSync(SEEDS_DIR)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((file) => {
      let raw = readFileSync(path.join(SEEDS_DIR, file), "utf8").replace(/\r\n?/g, "\n");
      raw = raw.replace(/Hereâ€™s/g, "Here’s");
      let title = "";
      let date: string | null = null;
      const fm = /^---\n([\s\S]*?)\n---\n/.exec(raw);
      if (fm) {
        const t = /^title:\s*"(.*)"\s*$/m.exec(fm[1]!);
        if (t) title = t[1]!;
        const d = /^date:\s*(\S+)\s*$/m.exec(fm[1]!);
        if (d) date = /[zZ]|[+-]\d\d:?\d\d$/.test(d[1]!) ? d[1]! : `${d[1]!}+00:00`;
        raw = raw.slice(fm[0].length);
      }
      const dl = /^\s*date (\d{4}-\d{2}-\d{2})\b/.exec(raw);
      if (dl) date = `${dl[1]!}T00:00:00+00:00`;
      if (!title) {
        const m = /^([^\n]{1,120})\n\s*\n/.exec(raw);
        if (m && !/[.!?]$/.test(m[1]!.trim())) {
          title = m[1]!.trim();
          raw = raw.slice(m[0].length);
        }
      }
      return { file, title, text: raw.trim(), date };
    });
}

/**
 * Fixture corpus: each `corpus/*.txt` starts with `date: YYYY-MM-DD` (or
 * `date: none`), then `title: ...`, then a blank line and the body.
 */
export function loadCorpus(): StoryInput[] {
  return readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((file) => parseFixture(file, readFileSync(path.join(CORPUS_DIR, file), "utf8")));
}

export function parseFixture(file: string, raw: string): StoryInput {
  const m = /^date:\s*(\S+)\s*\ntitle:\s*(.*)\n\s*\n([\s\S]*)$/.exec(raw.replace(/\r\n?/g, "\n"));
  if (!m) throw new Error(`bad fixture header in ${file}`);
  const date = m[1] === "none" ? null : `${m[1]!}T12:00:00+00:00`;
  return { file, title: m[2]!.trim(), text: m[3]!.trim(), date };
}

export interface Expected {
  /** True story groups: every fixture file appears in exactly one group. */
  stories: string[][];
}

export function loadExpected(): Expected {
  return JSON.parse(readFileSync(EXPECTED_FILE, "utf8")) as Expected;
}
