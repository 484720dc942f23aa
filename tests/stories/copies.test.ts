import { test } from "node:test";
import assert from "node:assert/strict";
import { relateStories, type StoryInput } from "../../src/stories/index.ts";
import { loadCorpus } from "./load.ts";

const corpus = loadCorpus();
const get = (file: string): StoryInput => {
  const a = corpus.find((d) => d.file === file);
  assert.ok(a, file);
  return a;
};
const paragraphs = (text: string): string[] => text.split(/\n\s*\n/);
const nextDay = (iso: string | null): string => {
  assert.ok(iso);
  return new Date(Date.parse(iso) + 86_400_000).toISOString().replace("Z", "+00:00");
};
const curly = (text: string): string => text.replace(/"([^"]*)"/g, "“$1”").replace(/'/g, "’");

/** Edited copies of fixture articles; `of` is the expected original. */
interface Case {
  name: string;
  doc: StoryInput;
  of: string;
  kind: "derived" | "duplicate";
}

function cases(): Case[] {
  const out: Case[] = [];
  const add = (name: string, of: string, kind: Case["kind"], edit: (a: StoryInput) => Partial<StoryInput>): void => {
    const a = get(of);
    out.push({ name, of, kind, doc: { ...a, file: `edits/${name}.txt`, date: nextDay(a.date), ...edit(a) } });
  };
  // Paragraphs in another order.
  add("reordered", "bank-rate-hold-march.txt", "derived", (a) => {
    const p = paragraphs(a.text);
    return { text: [p[3], p[0], p[4], p[2], p[1]].join("\n\n") };
  });
  // Straight quotes turned curly, plus one small wording change.
  add("curly-quotes", "storm-brenna-a.txt", "derived", (a) => ({
    text: curly(a.text).replace("overnight", "during the night"),
  }));
  // A few sentences added, one in the middle and a new closing paragraph.
  add("added-sentences", "quake-tarsa-a.txt", "derived", (a) => {
    const p = paragraphs(a.text);
    p.splice(2, 0, "Local radio reported that the town's only bridge had been closed as a precaution.");
    p.push(
      "The government has set up a hotline for relatives. Aid agencies said they were sending blankets and food. " +
        "A day of national mourning will be held on Saturday.",
    );
    return { text: p.join("\n\n") };
  });
  // New headline, trimmed last paragraph and a couple of words changed.
  add("new-headline", "museum-opening.txt", "derived", (a) => ({
    title: "Clipper ship is the star of Saltmere's restored museum",
    text: paragraphs(a.text).slice(0, -1).join("\n\n").replace("on Friday", "this week").replace("close to collapse", "near collapse"),
  }));
  // Undated copy with a changed headline and reordered paragraphs.
  add("undated-copy", "marathon.txt", "derived", (a) => {
    const p = paragraphs(a.text);
    return { date: null, title: "Record day in Halden", text: [p[0], p[2], p[1], p[3], p[4]].join("\n\n") };
  });
  // Exact duplicates: white space, case and quote marks only.
  add("dup-whitespace-case", "science-comet.txt", "duplicate", (a) => ({
    text: "  " + a.text.toUpperCase().replace(/ /g, "  ").replace(/\n\n/g, "\n \n\n") + "\n",
  }));
  add("dup-quotes", "election-brankton.txt", "duplicate", (a) => ({ text: curly(a.text) }));
  add("dup-headline-only", "trial-pike-verdict.txt", "duplicate", (a) => ({ title: "Pike guilty", date: null }));
  return out;
}

test("edited copies are caught as copies of the right original; exact duplicates as duplicates", () => {
  const all = cases();
  const rel = relateStories([...corpus, ...all.map((c) => c.doc)]);
  for (const c of all) {
    const r = rel.get(c.doc.file)!;
    if (c.kind === "duplicate") {
      assert.equal(r.duplicateOf, c.of, `${c.name}: duplicateOf`);
      assert.equal(r.derivedFrom, undefined, `${c.name}: a duplicate is not also derived`);
    } else {
      assert.equal(r.duplicateOf, undefined, `${c.name}: not a duplicate`);
      assert.equal(r.derivedFrom?.file, c.of, `${c.name}: derivedFrom ${JSON.stringify(r.derivedFrom)}`);
      assert.ok(r.derivedFrom!.similarity >= 0.7 && r.derivedFrom!.similarity <= 1, `${c.name}: ${r.derivedFrom!.similarity}`);
    }
    assert.equal(r.story, rel.get(c.of)!.story, `${c.name}: same story as its original`);
    const o = rel.get(c.of)!;
    assert.equal(o.derivedFrom, undefined, `${c.of} stays the original`);
    assert.equal(o.duplicateOf, undefined, `${c.of} stays the original`);
  }
  // The rest of the corpus is untouched: no other copy flags.
  const flagged = [...rel.entries()].filter(([, r]) => r.derivedFrom || r.duplicateOf).map(([f]) => f).sort();
  assert.deepEqual(flagged, all.map((c) => c.doc.file).sort());
});

test("a verbatim copy has similarity 1", () => {
  const a = get("flood-river.txt");
  const rel = relateStories([a, { ...a, file: "copy.txt", text: a.text + "\n\nMore to follow.", date: nextDay(a.date) }]);
  assert.deepEqual(rel.get("copy.txt")!.derivedFrom, { file: a.file, similarity: 1 });
});

test("the original is the earlier dated one, even when its file name sorts later", () => {
  const a = get("bridge-opening.txt");
  const earlier = new Date(Date.parse(a.date!) - 86_400_000).toISOString();
  const dup = { ...a, file: "zz-early-dup.txt", date: earlier };
  const rel = relateStories([a, dup]);
  assert.equal(rel.get(a.file)!.duplicateOf, "zz-early-dup.txt");
  assert.equal(rel.get("zz-early-dup.txt")!.duplicateOf, undefined);

  const rewrite = { ...dup, text: dup.text.replace("opened on Monday", "was opened on Monday morning") };
  const rel2 = relateStories([a, rewrite]);
  assert.equal(rel2.get(a.file)!.derivedFrom?.file, "zz-early-dup.txt");
});

test("a dated article is the original of an undated copy; between undated ones the longer, then the first file", () => {
  const a = get("vaccine-campaign.txt");
  const rel = relateStories([
    { ...a, file: "a.txt", date: null },
    { ...a, file: "b.txt" },
  ]);
  assert.equal(rel.get("a.txt")!.duplicateOf, "b.txt");

  const rel2 = relateStories([
    { ...a, file: "b.txt", date: null },
    { ...a, file: "a.txt", date: null },
    { ...a, file: "c.txt", date: null },
  ]);
  assert.equal(rel2.get("a.txt")!.duplicateOf, undefined);
  assert.equal(rel2.get("b.txt")!.duplicateOf, "a.txt");
  assert.equal(rel2.get("c.txt")!.duplicateOf, "a.txt");

  const longer = { ...a, file: "z-longer.txt", date: null, text: a.text + "\n\nPharmacies will also offer Covid boosters from November." };
  const rel3 = relateStories([{ ...a, file: "a.txt", date: null }, longer]);
  assert.equal(rel3.get("a.txt")!.derivedFrom?.file, "z-longer.txt");
});

test("empty and tiny texts are never duplicates or copies of each other", () => {
  const rel = relateStories([
    { file: "e1.txt", title: "One", text: "", date: null },
    { file: "e2.txt", title: "Two", text: "   ", date: null },
    { file: "t1.txt", title: "Three", text: "Photo: Reuters.", date: null },
    { file: "t2.txt", title: "Four", text: "Photo: Reuters.", date: null },
  ]);
  assert.equal(rel.get("e2.txt")!.duplicateOf, undefined);
  assert.equal(rel.get("e2.txt")!.derivedFrom, undefined);
  // Identical tiny texts are still exact duplicates.
  assert.equal(rel.get("t2.txt")!.duplicateOf, "t1.txt");
  assert.equal(rel.size, 4);
});

test("a copy covered equally by two originals is a copy of the earlier, though its pair is examined first", () => {
  const a = get("flood-river.txt");
  const sentences = a.text.split(/(?<=\.)\s+/);
  assert.ok(sentences.length >= 6, "enough sentences to change one");
  // Both originals hold every sentence of the copy but one, so it has the same coverage by each: 71/77, which float32 rounds down.
  const docs: StoryInput[] = [
    { ...a, file: "a-first.txt", text: `${a.text}\n\nThe council will publish its own report in the spring.` },
    { ...a, file: "b-second.txt", date: nextDay(a.date), text: `${a.text}\n\nResidents were told to keep away from the riverbank for now.` },
    { ...a, file: "c-copy.txt", date: nextDay(nextDay(a.date)), text: sentences.map((s, i) => (i === 4 ? "Volunteers handed out sandbags from the town hall all afternoon." : s)).join(" ") },
  ];
  // Pairs are examined by file: (a-first, c-copy) before (b-second, c-copy). A later pair with an equal coverage once won.
  const derived = relateStories(docs).get("c-copy.txt")!.derivedFrom;
  assert.deepEqual(derived, { file: "a-first.txt", similarity: 0.92 });
});
