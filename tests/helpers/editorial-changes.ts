/**
 * Random editorial work on a folder of seeds (a copy of the site fixture's),
 * for the tests that compare a site kept up to date with a full build of the
 * same seeds: edits, headlines, tags, sections, dates and updates, new
 * articles (front matter, bare text, Windows-1252), copies and rewrites,
 * deletions, renames, moves into folders and folders renamed, drafts,
 * scheduled pieces, touched files, photos added, re-saved and deleted, and
 * (when the site's clock is the test's) the clock moving on. Seeded, so a
 * failing sequence can be played again.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import iconv from "iconv-lite";
import { Rng } from "../../scripts/bench/prng.ts";

export interface EditorialDesk {
  /** Makes one change, sometimes two; says what they were. */
  step(): string[];
  /** The build time the changes assume (moved by the clock changes). */
  readonly now: Date;
}

/**
 * `moveClock`: some changes move `now` on (for builds given `--now`; a running preview's clock stays).
 * `settings`: a site settings file some changes edit (page sizes, how many articles home and feeds show).
 */
export function editorialDesk(seeds: string, seed: number, { now: start, moveClock, settings }: { now: Date; moveClock: boolean; settings?: string }): EditorialDesk {
  const rng = new Rng(seed);
  const next = () => rng.next();
  const pick = <T>(items: readonly T[]): T => rng.pick(items);
  const between = (lo: number, hi: number) => rng.range(lo, hi);
  let now = start;

  /** The seed files (.md, .txt) directly in the seeds folder. */
  const seedFiles = () => readdirSync(seeds).filter((f) => /\.(md|txt)$/.test(f)).sort();
  const read = (file: string) => readFileSync(path.join(seeds, file), "utf8");
  const write = (file: string, text: string) => writeFileSync(path.join(seeds, file), text);

  /** `text` with front-matter field `key` set to `value` (added if missing, a front matter made if none); undefined removes it. */
  function setField(text: string, key: string, value: string | undefined): string {
    const m = /^---\n([\s\S]*?)\n---\n/.exec(text);
    const line = value === undefined ? [] : [`${key}: ${value}`];
    if (!m) return value === undefined ? text : `---\n${line[0]}\n---\n\n${text}`;
    const lines = m[1]!.split("\n").filter((l) => !l.startsWith(`${key}:`));
    return `---\n${[...lines, ...line].join("\n")}\n---\n${text.slice(m[0].length)}`;
  }

  const body = (text: string) => text.replace(/^---\n[\s\S]*?\n---\n/, "");

  const WORDS = ["harbour", "council", "storm", "ferry", "budget", "road", "school", "river", "festival", "rail", "library", "union", "minister", "village", "crew", "flood", "market", "bridge"];
  const sentence = () => {
    const words = Array.from({ length: between(6, 14) }, () => pick(WORDS));
    words[0] = words[0]![0]!.toUpperCase() + words[0]!.slice(1);
    return `${words.join(" ")}.`;
  };
  const paragraphs = (n: number) => Array.from({ length: n }, () => Array.from({ length: between(1, 3) }, sentence).join(" ")).join("\n\n");
  const TAGS = ["Weather", "Transport", "Politics", "Culture", "Roads", "harbour", "Local Government", "Trade"];
  const CATEGORIES = ["News", "Politics", "Culture", "World"];
  const randomDate = () => {
    const at = new Date(Date.UTC(2024, 10, 1) + Math.floor(next() * 330 * 86_400_000));
    return at.toISOString().slice(0, 16);
  };
  let made = 0;

  const images = path.join(seeds, "images");
  const photos = () => readdirSync(images).filter((f) => f.endsWith(".jpg")).sort();
  /** The same picture with other bytes: a JPEG comment segment (COM) added after the start marker. */
  function resaved(jpeg: Buffer): Buffer {
    const note = Buffer.from(`saved again ${++made}`);
    return Buffer.concat([jpeg.subarray(0, 2), Buffer.from([0xff, 0xfe, 0, note.length + 2]), note, jpeg.subarray(2)]);
  }
  const newName = (ext = "md") => `fuzz-${++made}.${ext}`;

  /** Each change names itself in the log; `undefined` when it did not apply (then another is drawn). */
  const CHANGES: Array<() => string | undefined> = [
    () => {
      const f = pick(seedFiles());
      write(f, `${read(f).trimEnd()}\n\n${paragraphs(1)}\n`);
      return `body of ${f} extended`;
    },
    () => {
      const f = pick(seedFiles());
      const text = read(f);
      const word = /\b[a-z]{5,}\b/.exec(body(text));
      if (!word) return undefined;
      write(f, text.replace(new RegExp(`\\b${word[0]}\\b(?![^\\n]*:)`), pick(WORDS)));
      return `a word of ${f} changed`;
    },
    () => {
      const f = pick(seedFiles());
      write(f, setField(read(f), "title", `${pick(WORDS)} ${pick(WORDS)} ${pick(WORDS)} news`.replace(/^./, (c) => c.toUpperCase())));
      return `headline of ${f} changed`;
    },
    () => {
      const f = pick(seedFiles());
      const tags = TAGS.filter(() => next() < 0.3);
      write(f, setField(read(f), "tags", tags.length ? `[${tags.map((t) => JSON.stringify(t)).join(", ")}]` : undefined));
      return `tags of ${f} set to [${tags.join(", ")}]`;
    },
    () => {
      const f = pick(seedFiles());
      write(f, setField(read(f), "categories", next() < 0.2 ? undefined : pick(CATEGORIES)));
      return `section of ${f} changed`;
    },
    () => {
      const f = pick(seedFiles());
      const date = next() < 0.15 ? undefined : randomDate();
      write(f, setField(read(f), "date", date));
      return `${f} dated ${date ?? "(none)"}`;
    },
    () => {
      const f = pick(seedFiles());
      const updated = `${now.toISOString().slice(0, 10)}T0${between(0, 9)}:15:00`;
      write(f, setField(read(f), "updated", updated));
      return `${f} updated ${updated}`;
    },
    () => {
      const f = newName();
      const text = `---\ntitle: ${pick(WORDS)} report ${made}\ndate: ${randomDate()}\ntags: [${pick(TAGS)}]\ncategories: ${pick(CATEGORIES)}\n---\n\n${paragraphs(between(2, 4))}\n`;
      write(f, text);
      return `${f} added`;
    },
    () => {
      const f = newName("txt");
      write(f, `${pick(WORDS)} ${pick(WORDS)} in the ${pick(WORDS)}\n\n${paragraphs(between(2, 3))}\n`);
      return `${f} added, bare text`;
    },
    () => {
      const f = newName();
      const text = `---\ntitle: Caf\u00e9 owners \u201cwelcome\u201d the ${pick(WORDS)} plan\ndate: ${randomDate()}\n---\n\nThe caf\u00e9 said it was \u201cdelighted\u201d. ${paragraphs(1)}\n`;
      writeFileSync(path.join(seeds, f), iconv.encode(text, "windows-1252"));
      return `${f} added, Windows-1252`;
    },
    () => {
      const [from, to] = [pick(seedFiles()), newName()];
      cpSync(path.join(seeds, from), path.join(seeds, to));
      return `${from} copied to ${to}`;
    },
    () => {
      const [from, to] = [pick(seedFiles()), newName()];
      const text = read(from);
      write(to, text.replace(/\b(the|a|and)\b/, "this").replace(/\.\n*$/, `. ${sentence()}\n`));
      return `${from} rewritten as ${to}`;
    },
    () => {
      const files = seedFiles();
      if (files.length < 6) return undefined;
      const f = pick(files);
      rmSync(path.join(seeds, f));
      return `${f} deleted`;
    },
    () => {
      const [from, to] = [pick(seedFiles()), newName(next() < 0.5 ? "md" : "txt")];
      renameSync(path.join(seeds, from), path.join(seeds, to));
      return `${from} renamed ${to}`;
    },
    () => {
      if (seedFiles().length < 6) return undefined;
      const [f, folder] = [pick(seedFiles()), pick(["desk", "wire", "wire/afp"])];
      mkdirSync(path.join(seeds, folder), { recursive: true });
      renameSync(path.join(seeds, f), path.join(seeds, folder, f));
      return `${f} moved into ${folder}/`;
    },
    () => {
      const folders = ["desk", "wire"].filter((d) => existsSync(path.join(seeds, d)));
      if (folders.length === 0) return undefined;
      const [from, to] = [pick(folders), `desk-${++made}`];
      renameSync(path.join(seeds, from), path.join(seeds, to));
      return `folder ${from}/ renamed ${to}/`;
    },
    () => {
      const f = pick(seedFiles());
      const draft = !/^draft: true$/m.test(read(f));
      write(f, setField(read(f), "draft", draft ? "true" : undefined));
      return `${f} ${draft ? "made a draft" : "no longer a draft"}`;
    },
    () => {
      const f = pick(seedFiles());
      const at = new Date(now.getTime() + between(1, 72) * 3_600_000).toISOString().slice(0, 16);
      write(f, setField(read(f), "date", at));
      return `${f} scheduled for ${at}`;
    },
    () => {
      const f = pick(seedFiles());
      const when = new Date(now.getTime() - between(0, 400) * 86_400_000);
      utimesSync(path.join(seeds, f), when, when);
      return `${f} touched (${when.toISOString().slice(0, 10)})`;
    },
    () => {
      const f = pick(seedFiles());
      const photo = next() < 0.3 ? undefined : `images/${pick(photos())}`;
      write(f, setField(read(f), "image", photo));
      return `${f} given ${photo ?? "no image"}`;
    },
    () => {
      const [from, to] = [pick(photos()), `photo-${++made}.jpg`];
      writeFileSync(path.join(images, to), resaved(readFileSync(path.join(images, from))));
      const f = pick(seedFiles());
      write(f, setField(read(f), "image", `images/${to}`));
      return `${f} given a new photo ${to}`;
    },
    () => {
      const photo = pick(photos());
      writeFileSync(path.join(images, photo), resaved(readFileSync(path.join(images, photo))));
      return `photo ${photo} saved again, with other bytes`;
    },
    () => {
      if (photos().length < 2) return undefined;
      const photo = pick(photos());
      rmSync(path.join(images, photo));
      return `photo ${photo} deleted`;
    },
  ];
  if (settings) {
    CHANGES.push(() => {
      const site = JSON.parse(readFileSync(settings, "utf8")) as Record<string, unknown>;
      const [key, value] = pick([["pageSize", between(2, 5)], ["homeLimit", between(4, 10)], ["feedLimit", between(3, 8)]] as const);
      writeFileSync(settings, JSON.stringify({ ...site, [key]: value }, null, 2));
      return `settings: ${key} ${value}`;
    });
  }
  if (moveClock) {
    CHANGES.push(() => {
      now = new Date(now.getTime() + between(1, 50) * 3_600_000 * (next() < 0.2 ? 24 : 1));
      return `the clock moved to ${now.toISOString()}`;
    });
  }

  return {
    step() {
      const changes: string[] = [];
      for (let n = next() < 0.3 ? 2 : 1; changes.length < n; ) {
        const done = pick(CHANGES)();
        if (done) changes.push(done);
      }
      return changes;
    },
    get now() {
      return now;
    },
  };
}
