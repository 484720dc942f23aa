import assert from "node:assert/strict";
import { test } from "node:test";
import { infer, inferRules } from "../../src/infer/index.ts";
import { firstSentence, headlineFrom } from "../../src/infer/rules/derived_headline.ts";
import type { Candidate } from "../../src/infer/state.ts";

const context = { rel: "x.txt", mtimeMs: Date.parse("2025-01-02T03:04:05Z"), gitDates: new Map<string, string>() };
const run = (body: string, candidate: Candidate = {}, ctx = context) => infer(body, 1, candidate, ctx);
const LONG = "This paragraph is long enough to be prose and it ends with a full stop like every sentence should.";

test("rules run in the documented order", () => {
  assert.deepEqual(inferRules.map(([name]) => name), [
    "inline_date", "heading_headline", "headline_line", "split_paragraphs", "byline", "dateline", "subheads", "derived_headline", "fallback_date",
  ]);
});

test("inline date: date on line 1, rest of the line is the dek", () => {
  const { candidate } = run(" date 2025-09-02 The meeting comes a day early.\n\nBody text here.");
  assert.deepEqual(candidate.date, { value: "2025-09-02", source: "inline", line: 1 });
  assert.deepEqual(candidate.dek, { value: "The meeting comes a day early.", source: "inline", line: 1 });
  assert.equal(candidate.body?.value, "Body text here.");
});

test("inline date never overrides front matter", () => {
  const { candidate } = run("date 2025-09-02\n\nBody.", { date: { value: "2024-01-01", source: "front-matter" } });
  assert.equal(candidate.date?.value, "2024-01-01");
  assert.equal(candidate.body?.value, "Body.");
});

test("# Heading is the headline", () => {
  const { candidate } = run("# Storm hits coast\n\nBody text.");
  assert.deepEqual(candidate.title, { value: "Storm hits coast", source: "inline", line: 1 });
  assert.equal(candidate.body?.value, "Body text.");
});

test("a headline line needs a blank line after it and no full stop", () => {
  assert.equal(run("Storm hits coast\n\nBody.").candidate.title?.source, "inferred");
  assert.equal(run("Storm hits coast\n\nBody.").candidate.title?.value, "Storm hits coast");
  assert.notEqual(run("Storm hits the coast today.\n\nBody text follows.").candidate.title?.value, "Storm hits the coast today.");
  // no blank line after it: not a headline line, so the headline is derived (and flagged)
  assert.equal(run(`Storm hits coast\n${LONG}`).messages[0]?.field, "title");
});

test("a headline line repeating the front-matter title is removed", () => {
  const { candidate } = run("Storm hits coast\n\nBody.", { title: { value: "Storm hits coast", source: "front-matter" } });
  assert.equal(candidate.body?.value, "Body.");
});

test("unwrapped text is split into one paragraph per line; hard-wrapped prose is not", () => {
  const unwrapped = run(`${LONG} One.\n${LONG} Two.`).candidate.body?.value;
  assert.equal(unwrapped, `${LONG} One.\n\n${LONG} Two.`);
  const wrapped = "A short wrapped line of prose that\ncontinues on the next line.";
  assert.equal(run(`Title here\n\n${wrapped}`).candidate.body?.value, wrapped);
  const list = "- one item that is quite long but a list item nonetheless and must stay in its list, really it must\n- two";
  assert.equal(run(`Title here\n\n${list}`).candidate.body?.value, list);
});

test("byline: By A and B near the top", () => {
  const { candidate } = run(`Headline\n\nBy Jane Doe and John Roe\n\n${LONG}`);
  assert.deepEqual(candidate.authors, { value: ["Jane Doe", "John Roe"], source: "inline", line: 3 });
  assert.equal(candidate.body?.value, LONG);
});

test("dateline: BEIJING— and WASHINGTON (AP) —", () => {
  const a = run("BEIJING—Chinese leader Xi Jinping welcomed Putin.");
  assert.deepEqual(a.candidate.dateline, { value: "BEIJING", source: "inline", line: 1 });
  assert.equal(a.candidate.body?.value, "Chinese leader Xi Jinping welcomed Putin.");
  assert.equal(run("WASHINGTON (AP) — The Senate voted.").candidate.dateline?.value, "WASHINGTON");
  assert.equal(run("LONDON, Sept 2 (Reuters) - Shares fell.").candidate.dateline?.value, "LONDON");
  assert.equal(run("US President Donald Trump said no.").candidate.dateline, undefined);
});

test("subheads: short unpunctuated lines between paragraphs become ## headings", () => {
  const body = run(`${LONG}\n\n‘Always together’\n\n“We were together,” he said.\n\nMongolia\n\n${LONG}`).candidate.body?.value;
  assert.equal(body, `${LONG}\n\n## ‘Always together’\n\n“We were together,” he said.\n\n## Mongolia\n\n${LONG}`);
  // a short closing line is not a subhead: nothing follows it
  assert.equal(run(`${LONG}\n\nThe end`).candidate.body?.value, `${LONG}\n\nThe end`);
});

test("derived headline: first sentence, cut at a word boundary, flagged", () => {
  const { candidate, messages } = run("Mr. Smith went to Washington on Tuesday. He met the president.");
  assert.deepEqual(candidate.title, { value: "Mr. Smith went to Washington on Tuesday", source: "inferred", line: 1 });
  assert.equal(messages[0]?.field, "title");
  assert.equal(messages[0]?.level, "warning");
  const long = headlineFrom("Chinese President Xi Jinping and his Russian counterpart, Vladimir Putin, have begun bilateral talks in Beijing on the eve of a parade.");
  assert.ok(long.length <= 101, long);
  assert.ok(long.endsWith("talks…"), long);
  assert.equal(firstSentence("U.S. officials met. Then left."), "U.S. officials met.");
});

test("fallback date: file name, then git, then mtime; always flagged", () => {
  const byName = run("Body.", {}, { ...context, rel: "news/2024-05-06-storm.md" });
  assert.deepEqual(byName.candidate.date, { value: "2024-05-06", source: "filename" });
  const byGit = run("Body.", {}, { ...context, gitDates: new Map([["x.txt", "2023-03-03T10:00:00+01:00"]]) });
  assert.deepEqual(byGit.candidate.date, { value: "2023-03-03T10:00:00+01:00", source: "git" });
  const byMtime = run("Body.");
  assert.deepEqual(byMtime.candidate.date, { value: "2025-01-02T03:04:05Z", source: "mtime" });
  assert.match(byMtime.messages.at(-1)!.message, /no date written; used the file's modification time/);
});
