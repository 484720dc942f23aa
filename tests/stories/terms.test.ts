/**
 * Phase 1 (terms.ts, kernel.ts) against a plain reference built on
 * TokenBuffer tokens with Maps: the collector's single fused pass, its
 * per-article and vocabulary tables, the reverse order of the main thread
 * and the merge of two threads' chunks must all give exactly what the
 * simple description gives.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { CAP, IN_QUOTE, NUMERIC, SENT_START, TokenBuffer } from "../../src/stories/tokenize.ts";
import {
  E_QUOTE,
  ENTITY_BIT,
  K_NUMBER,
  K_QUOTE,
  K_STOP,
  QUOTE_SALT,
  TF_MAX,
  TermCollector,
  collectTerms,
  combine32,
  fingerprint,
  fromChunk,
  mergeChunks,
  type TermData,
} from "../../src/stories/terms.ts";
import { STOPWORDS } from "../../src/stories/stopwords.ts";
import { analyzeStories, relateStories } from "../../src/stories/index.ts";
import { TermRecords, collectReusing, stopwordHashes } from "../../src/stories/records.ts";
import { prng } from "./synthetic.ts";
import { byHash } from "./by-hash.ts";

interface Doc {
  title: string;
  text: string;
}

/** Terms of each article by hash, as the pipeline's description says. */
interface Reference {
  entries: { hash: number; info: number }[][];
  streams: number[][];
  words: number[];
  keys: [number, number, number][];
  df: Map<number, number>;
  kind: Map<number, number>;
}

function reference(docs: readonly Doc[]): Reference {
  const stop = new Set<number>();
  const t = new TokenBuffer(16);
  for (const w of STOPWORDS) {
    t.count = 0;
    t.tokenize(w);
    for (let k = 0; k < t.count; k++) stop.add(t.hash[k]! | 0);
  }
  const ref: Reference = { entries: [], streams: [], words: [], keys: [], df: new Map(), kind: new Map() };
  for (const h of stop) ref.kind.set(h, K_STOP);
  for (const d of docs) {
    const tok = new TokenBuffer(16);
    tok.tokenize(d.title);
    const titleCount = tok.count;
    tok.tokenize(d.text);
    ref.words.push(tok.count - titleCount);
    ref.keys.push([tok.dupH1, tok.dupH2, tok.dupLen]);
    const list: { hash: number; info: number }[] = [];
    const at = new Map<number, number>();
    const stream: number[] = [];
    // Each new term of the article: document frequency, and its kind when new to the corpus.
    const see = (h: number, quote: boolean): number => {
      let x = at.get(h);
      if (x === undefined) {
        x = list.length;
        at.set(h, x);
        list.push({ hash: h, info: 0 });
        ref.df.set(h, (ref.df.get(h) ?? 0) + 1);
        if (!ref.kind.has(h)) ref.kind.set(h, quote ? K_QUOTE : 0);
      }
      return x;
    };
    let prevQuote = -1;
    let prevSent = -1;
    let streamSent = -1;
    for (let k = 0; k < tok.count; k++) {
      const h = tok.hash[k]! | 0;
      if (stop.has(h)) continue;
      const fl = tok.flags[k]!;
      const inBody = k >= titleCount;
      const e = inBody && (fl & (CAP | SENT_START | NUMERIC)) === CAP ? ENTITY_BIT : 0;
      const x = see(h, false);
      const v = list[x]!.info;
      list[x]!.info = (v === 0 ? 1 : (v & TF_MAX) < TF_MAX ? v + 1 : v) | e;
      if ((fl & NUMERIC) !== 0) ref.kind.set(h, ref.kind.get(h)! | K_NUMBER);
      if (!inBody) continue;
      const sentence = tok.sent[k]!;
      if (sentence !== streamSent) {
        if (streamSent !== -1) stream.push(0);
        streamSent = sentence;
      }
      stream.push(((h >>> 0) % 65535) + 1);
      if ((fl & IN_QUOTE) !== 0) {
        if (prevQuote !== -1 && sentence === prevSent && (fl & SENT_START) === 0) {
          const q = combine32(prevQuote, h >>> 0, QUOTE_SALT) | 0;
          const y = see(q, true);
          const w = list[y]!.info;
          list[y]!.info = w === 0 ? 1 : (w & TF_MAX) < TF_MAX ? w + 1 : w;
        }
        prevQuote = h >>> 0;
        prevSent = sentence;
      } else prevQuote = -1;
    }
    ref.entries.push(list);
    ref.streams.push(stream);
  }
  return ref;
}

/** Checks TermData against the reference; ids are mapped to hashes through the articles' term lists. */
function check(td: TermData, ref: Reference): void {
  const N = ref.entries.length;
  assert.equal(td.termStart.length, N + 1);
  const hashOf = new Map<number, number>();
  for (let i = 0; i < N; i++) {
    const list = ref.entries[i]!;
    assert.equal(td.termStart[i + 1]! - td.termStart[i]!, list.length, `article ${i}: number of terms`);
    list.forEach((en, x) => {
      const p = td.termStart[i]! + x;
      const id = td.termIds[p]!;
      const h = hashOf.get(id);
      if (h === undefined) hashOf.set(id, en.hash);
      else assert.equal(h, en.hash, `article ${i}: term ${x} has another id`);
      assert.equal(td.termInfo[p], en.info, `article ${i}: tf and entity bit of term ${x}`);
    });
    assert.deepEqual(Array.from(td.sentStream.subarray(td.sentStart[i]!, td.sentStart[i + 1]!)), ref.streams[i], `article ${i}: stream`);
    assert.equal(td.words[i], ref.words[i]);
    assert.deepEqual([td.keyH1[i], td.keyH2[i], td.keyLen[i]], ref.keys[i]);
  }
  assert.equal(new Set(hashOf.values()).size, hashOf.size, "one id per term");
  for (const [id, h] of hashOf) {
    assert.equal(td.df[id], ref.df.get(h), `df of ${h}`);
    assert.equal(td.kind[id], ref.kind.get(h), `kind of ${h}`);
  }
}

/** Articles of tricky text: quotes of all kinds, apostrophes, numbers, plurals, stopwords, capitals, long ones. */
function fuzzDocs(n: number, seed: number): Doc[] {
  const r = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const words = ["the", "of", "said", "Mr", "bank", "banks", "rates", "countries", "crisis", "class", "Xi’s", "Putin's", "don’t", "4.25", "100,000", "80th", "Euro-Atlantic", "naïve", "Ölfeld", "ΑΘΗΝΑ", "café", "it’s", "news"];
  const seps = [" ", " ", " ", ", ", ". ", "! ", "? ", "\n\n", " “", "” ", ' "', '" ', " «", "» ", " '", "' ", "… ", " - "];
  const docs: Doc[] = [];
  for (let i = 0; i < n; i++) {
    // Some long articles with many distinct words (the per-article table grows), some with a word 200 times (tf cap).
    const len = r() < 0.05 ? 3000 : 20 + Math.floor(r() * 200);
    let text = "";
    for (let k = 0; k < len; k++) {
      const w = r() < 0.3 ? `w${Math.floor(r() * (len > 1000 ? 5000 : 300))}` : pick(words);
      text += (r() < 0.1 ? w[0]!.toUpperCase() + w.slice(1) : w) + pick(seps);
    }
    if (r() < 0.05) text += " again".repeat(200);
    docs.push({ title: `${pick(words)} ${pick(words)} “${pick(words)} ${pick(words)}”`, text });
  }
  return docs;
}

test("the term collector gives exactly the reference terms, streams, frequencies and kinds", () => {
  const docs = fuzzDocs(400, 3);
  check(collectTerms(docs), reference(docs));
});

test("two threads' chunks (the second collected in reverse) merge into the single-pass result", () => {
  const docs = fuzzDocs(300, 5);
  const ref = reference(docs);
  for (const split of [0, 1, 150, 299, 300]) {
    const head = new TermCollector();
    for (let i = 0; i < split; i++) head.add(docs[i]!.title, docs[i]!.text);
    const tail = new TermCollector(1 << 16, true);
    for (let i = docs.length - 1; i >= split; i--) tail.add(docs[i]!.title, docs[i]!.text);
    check(mergeChunks(head.finish(), tail.finish()), ref);
  }
});

test("texts given as UTF-16 units are collected like strings", () => {
  const docs = fuzzDocs(50, 9);
  const c = new TermCollector();
  for (const d of docs) {
    const units = new Uint16Array(d.title.length + d.text.length + 2);
    for (let i = 0; i < d.title.length; i++) units[i] = d.title.charCodeAt(i);
    units[d.title.length] = 0x20;
    const b = d.title.length + 1;
    for (let i = 0; i < d.text.length; i++) units[b + i] = d.text.charCodeAt(i);
    units[b + d.text.length] = 0x20;
    c.addUnits(units, 0, d.title.length, b, b + d.text.length);
  }
  const chunk = c.finish();
  check({ ...chunk, nTerms: chunk.nTerms }, reference(docs));
});

test("the helper thread does its share without errors, with the single-thread result", () => {
  const docs = fuzzDocs(1500, 11).map((d, i) => ({ ...d, file: `f${String(i).padStart(5, "0")}.txt`, date: null }));
  const two = analyzeStories(docs, { threads: 2 });
  assert.equal(two.stats.threads, 2);
  assert.ok(two.stats.helper !== undefined && two.stats.helper.docs > 0, "the worker collected terms");
  assert.equal(two.stats.helper.errors, 0, "no errors in the worker");
  const one = relateStories(docs, { threads: 1 });
  assert.deepEqual([...two.relations.entries()], [...one.entries()]);
  assert.equal(fingerprint(0xffffffff | 0), (0xffffffff % 65535) + 1);
});

test("records kept by the collector, reused for any subset of articles, intern into the single-pass result", () => {
  const docs = fuzzDocs(300, 13).map((d, i) => ({ ...d, revision: `r${i}` }));
  const ref = reference(docs);
  const scan = (some: readonly Doc[]) => collectTerms(some, true);
  const first = collectReusing(docs, TermRecords.empty(), scan);
  check(first.td, ref);
  assert.equal(first.read, docs.length);
  assert.equal(first.next!.size, docs.length);
  const r = prng(17);
  for (const share of [1, 0.5, 0.1, 0]) {
    // Records of some articles only (the others are read again).
    const some = docs.filter(() => r() < share);
    const previous = some.length === docs.length ? first.next! : collectReusing(some, TermRecords.empty(), scan).next!;
    const again = collectReusing(docs, previous, scan);
    check(again.td, ref);
    assert.equal(again.read, docs.length - some.length);
    // From half of the articles on, the run keeps the ids of the records it had (records.ts extend).
    if (some.length > 0) assert.equal(sameIds(again.td, previous.columns.termHash), 2 * some.length >= docs.length, `ids kept with ${some.length} records`);
  }
});

const sameIds = (td: TermData, termHash: Int32Array) => termHash.length > 0 && termHash.every((h, id) => td.termHash![id] === h);

/** What later phases read of a TermData, by term hash rather than id: each article's entries, and df and kind of each term in them. */
function byTermHash(td: TermData): unknown {
  const { termStart, termIds, termInfo, termFlags, termHash, kind, df } = td;
  const articles: string[] = [];
  const terms = new Map<number, string>();
  for (let i = 0; i + 1 < termStart.length; i++) {
    let line = "";
    for (let p = termStart[i]!; p < termStart[i + 1]!; p++) {
      const id = termIds[p]!;
      line += `${termHash![id]}:${termInfo[p]}:${termFlags![p]} `;
      terms.set(termHash![id]!, `${df[id]} ${kind[id]}`);
    }
    articles.push(line);
  }
  const { sentStart, sentStream, words, keyH1, keyH2, keyLen } = td;
  return { articles, terms: [...terms].sort((x, y) => x[0] - y[0]), sentStart, sentStream, words, keyH1, keyH2, keyLen };
}

test("a run keeping an earlier run's ids has interning's terms, kinds and frequencies: articles dropped, repeated, added, moved", () => {
  const docs = fuzzDocs(300, 23).map((d, i) => ({ ...d, revision: `r${i}` }));
  const scan = (some: readonly Doc[]) => collectTerms(some, true);
  const base = collectReusing(docs, TermRecords.empty(), scan).next!;
  // A word and a quote bigram with one hash are one term whose K_QUOTE its first occurrence decides:
  // make some terms' E_QUOTE flags disagree between articles, as such a pair would.
  const { termIds, termFlags } = base.columns;
  const mixed = new Set<number>();
  for (let p = 0; p < termIds.length && mixed.size < 12; p += 97) {
    termFlags[p] = termFlags[p]! ^ E_QUOTE;
    mixed.add(termIds[p]!);
  }
  const records = new TermRecords(base.revisions, base.columns);
  const r = prng(29);
  const variants = [
    docs,
    docs.filter((_, i) => i !== 0 && i !== 150),
    [...docs.slice(0, 40), docs[40]!, ...docs.slice(40)].map((d, i) => (i === 41 ? { ...d, revision: "r40" } : d)),
    docs.map((d, i) => (i === 7 ? { ...d, text: `${d.text} “Bank rates” 4.25 w77`, revision: "r7'" } : d)),
    [...docs.slice(100), ...docs.slice(0, 100)],
    docs.filter(() => r() < 0.7).concat(fuzzDocs(20, 31).map((d, i) => ({ ...d, revision: `new${i}` }))),
  ];
  for (const [v, some] of variants.entries()) {
    const kept = collectReusing(some, records, scan);
    const interned = collectReusing(some, TermRecords.empty(), scan, { made: [records] });
    assert.ok(sameIds(kept.td, records.columns.termHash), `variant ${v}: the earlier ids are kept`);
    assert.deepEqual(byTermHash(kept.td), byTermHash(interned.td), `variant ${v}`);
    assert.deepEqual(byHash(kept.next!), byHash(interned.next!), `variant ${v}: the next run's records`);
  }
  // The stopwords it looks up are those every collector interns first.
  const stops = fromChunk(new TermCollector(0, false, true).finish()).termHash!;
  assert.deepEqual(new Set(stopwordHashes()), new Set(stops));
  // The flags made some kinds depend on the first occurrence, which variants move.
  const kinds = new Set(variants.map((some) => [...mixed].map((id) => collectReusing(some, records, scan).td.kind[id]).join()));
  assert.ok(kinds.size > 1, "the first occurrence decided K_QUOTE differently in some variants");
});

test("records kept by both threads' collectors (merged) are those of one thread", () => {
  const docs = fuzzDocs(300, 19).map((d, i) => ({ ...d, revision: `r${i}` }));
  const one = collectReusing(docs, TermRecords.empty(), (some) => collectTerms(some, true)).next!;
  const head = new TermCollector(1 << 16, false, true);
  for (let i = 0; i < 120; i++) head.add(docs[i]!.title, docs[i]!.text);
  const tail = new TermCollector(1 << 16, true, true);
  for (let i = docs.length - 1; i >= 120; i--) tail.add(docs[i]!.title, docs[i]!.text);
  const two = collectReusing(docs, TermRecords.empty(), () => mergeChunks(head.finish(), tail.finish())).next!;
  // The two-thread ids differ (mergeChunks): the same records up to them.
  assert.deepEqual(byHash(two), byHash(one));
  // Reused, with an article to read again, they give the single-pass terms.
  const edited = docs.map((d, i) => (i === 200 ? { ...d, text: `${d.text} “Bank rates” 4.25`, revision: "r200'" } : d));
  const again = collectReusing(edited, two, (some) => collectTerms(some, true));
  assert.equal(again.read, 1);
  check(again.td, reference(edited));
});

