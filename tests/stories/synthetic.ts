/**
 * Deterministic synthetic news corpus for the story benchmark and scale tests.
 *
 * Many distinct events, each with its own people, places, organisation,
 * topic words, numbers and quotations; a third of the events are covered by
 * 2–6 articles, some of them independent reports (new sentences about the
 * same facts), some rewrites of the first report (sentences kept with words
 * swapped, dropped, added and paragraphs reordered) and some exact
 * duplicates (white space / case / quote marks changed). Ten per cent of
 * the articles are undated. Text is ASCII so strings stay one byte per char.
 */
import type { StoryInput } from "../../src/stories/index.ts";

export interface SyntheticCorpus {
  docs: StoryInput[];
  /** True event of each article. */
  event: Int32Array;
  /** Index of the article this one copies (rewrite or duplicate), -1 when independent. */
  copyOf: Int32Array;
  /** 0 independent, 1 rewrite, 2 exact duplicate. */
  kind: Uint8Array;
}

/** mulberry32: small, fast, deterministic PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FUNCTION_WORDS =
  "the of and to in a that is for on with as was at by from it he said has have be are his its an not but were they this which who their had after been also will more than over into about would one two new up when out there".split(
    " ",
  );
const SYL = "ka lo mi ren ta vos el dar in or bel ston ma ri co lan ver tu sha mon gal ne fi do ar pel kin zu rab hol tes quin ja bor lis ned".split(
  " ",
);

function makeWords(rand: () => number, n: number, minSyl: number, maxSyl: number, capital: boolean): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  while (out.length < n) {
    const k = minSyl + Math.floor(rand() * (maxSyl - minSyl + 1));
    let w = "";
    for (let i = 0; i < k; i++) w += SYL[Math.floor(rand() * SYL.length)];
    if (seen.has(w)) continue;
    seen.add(w);
    out.push(capital ? w[0]!.toUpperCase() + w.slice(1) : w);
  }
  return out;
}

interface Event {
  people: string[];
  places: string[];
  org: string;
  topic: string[];
  numbers: string[];
  quotes: string[][];
  day: number;
}

export function generateCorpus(n: number, seed = 1): SyntheticCorpus {
  const rand = prng(seed);
  const ri = (k: number): number => Math.floor(rand() * k);
  const general = makeWords(rand, 30000, 2, 4, false);
  const firstNames = makeWords(rand, 600, 2, 2, true);
  const lastNames = makeWords(rand, 40000, 2, 4, true);
  const places = makeWords(rand, 8000, 2, 3, true);
  // Zipf(1.0) sampler over the general vocabulary via a quantised CDF table.
  const ZT = 1 << 18;
  const zipf = new Int32Array(ZT);
  {
    let total = 0;
    for (let r = 1; r <= general.length; r++) total += 1 / r;
    let acc = 0;
    let r = 0;
    for (let s = 0; s < ZT; s++) {
      const target = ((s + 0.5) / ZT) * total;
      while (acc + 1 / (r + 1) < target && r < general.length - 1) {
        acc += 1 / (r + 1);
        r++;
      }
      zipf[s] = r;
    }
  }
  const gword = (): string => general[zipf[ri(ZT)]!]!;

  const newEvent = (): Event => ({
    people: Array.from({ length: 3 + ri(3) }, () => `${firstNames[ri(firstNames.length)]} ${lastNames[ri(lastNames.length)]}`),
    places: Array.from({ length: 1 + ri(2) }, () => places[ri(places.length)]!),
    org: `${lastNames[ri(lastNames.length)]} ${places[ri(places.length)]}`,
    topic: Array.from({ length: 8 }, () => general[1500 + ri(general.length - 1500)]!),
    numbers: Array.from({ length: 3 }, () => String(1 + ri(9999))),
    quotes: Array.from({ length: 3 }, () => Array.from({ length: 6 + ri(6) }, gword)),
    day: ri(365),
  });

  /** One sentence as words; event facts sprinkled in. */
  const sentence = (e: Event): string[] => {
    const len = 12 + ri(16);
    const w: string[] = [];
    for (let i = 0; i < len; i++) {
      const x = rand();
      if (x < 0.42) w.push(FUNCTION_WORDS[ri(FUNCTION_WORDS.length)]!);
      else if (x < 0.93) w.push(gword());
      else if (x < 0.96) w.push(e.topic[ri(e.topic.length)]!);
      else if (x < 0.98) {
        const p = e.people[ri(e.people.length)]!;
        w.push(rand() < 0.5 ? p : p.slice(p.indexOf(" ") + 1));
      } else if (x < 0.99) w.push(e.places[ri(e.places.length)]!);
      else if (x < 0.995) w.push(e.org);
      else w.push(e.numbers[ri(e.numbers.length)]!);
    }
    if (rand() < 0.15) {
      const q = e.quotes[ri(e.quotes.length)]!;
      const a = ri(3);
      w.push('"' + q.slice(a, a + 5 + ri(4)).join(" ") + '"');
    }
    return w;
  };
  const render = (sents: string[][]): string => {
    const parts: string[] = [];
    for (let s = 0; s < sents.length; s++) {
      const w = sents[s]!;
      let first = w[0]!;
      first = first[0]!.toUpperCase() + first.slice(1);
      parts.push(first + (w.length > 1 ? " " + w.slice(1).join(" ") : "") + ".");
      parts.push(s % 3 === 2 ? "\n\n" : " ");
    }
    return parts.join("").trim();
  };
  const article = (e: Event): string[][] => {
    const k = 26 + ri(10);
    return Array.from({ length: k }, () => sentence(e));
  };
  const rewrite = (e: Event, src: string[][]): string[][] => {
    const heavy = rand() < 0.5; // paraphrase-like
    const subst = heavy ? 0.35 : 0.12;
    const out: string[][] = [];
    for (const s of src) {
      if (rand() < 0.1) continue;
      const w = s.map((x) => (rand() < subst && !/^[A-Z"0-9]/.test(x) ? gword() : x));
      if (heavy && w.length > 3 && rand() < 0.5) {
        const a = ri(w.length - 1);
        const t = w[a]!;
        w[a] = w[a + 1]!;
        w[a + 1] = t;
      }
      out.push(w);
      if (rand() < 0.08) out.push(sentence(e));
    }
    if (rand() < 0.4) {
      // move a block of sentences elsewhere
      const a = ri(out.length);
      const block = out.splice(a, 3);
      out.splice(ri(out.length + 1), 0, ...block);
    }
    return out;
  };
  const isoDate = (day: number, minute: number): string => {
    const ms = Date.UTC(2025, 0, 1) + day * 86_400_000 + minute * 60_000;
    return new Date(ms).toISOString().replace(".000Z", "+00:00");
  };

  const docs: StoryInput[] = [];
  const event = new Int32Array(n);
  const copyOf = new Int32Array(n).fill(-1);
  const kind = new Uint8Array(n);
  let ev = 0;
  while (docs.length < n) {
    const e = newEvent();
    const size = rand() < 0.67 ? 1 : 2 + ri(5);
    let firstSents: string[][] = [];
    let firstIndex = -1;
    for (let m = 0; m < size && docs.length < n; m++) {
      const idx = docs.length;
      let sents: string[][];
      let text: string;
      const r = rand();
      if (m === 0 || r < 0.55) {
        sents = article(e);
        text = render(sents);
      } else if (r < 0.9) {
        sents = rewrite(e, firstSents);
        text = render(sents);
        copyOf[idx] = firstIndex;
        kind[idx] = 1;
      } else {
        sents = firstSents;
        const orig = docs[firstIndex]!.text;
        text = rand() < 0.5 ? orig.toUpperCase() : orig.replace(/ /g, "  ").replace(/"/g, "'");
        if (!text.includes('"') && orig.includes('"') && text === orig) text += " ";
        copyOf[idx] = firstIndex;
        kind[idx] = 2;
      }
      if (m === 0) {
        firstSents = sents;
        firstIndex = idx;
      }
      const title = sentence(e).slice(0, 8).join(" ");
      // Members of a story: same day to two days later; originals come first.
      const date = rand() < 0.1 && m > 0 ? null : isoDate(e.day + (m === 0 ? 0 : ri(3)), m === 0 ? ri(600) : 600 + ri(800));
      docs.push({ file: `s${String(idx).padStart(6, "0")}_${(Math.imul(idx + 1, 0x9e3779b1) >>> 0).toString(16)}.txt`, title, text, date });
      event[idx] = ev;
    }
    ev++;
  }
  return { docs, event, copyOf, kind };
}
