import { test } from "node:test";
import assert from "node:assert/strict";
import { CAP, IN_QUOTE, NUMERIC, SENT_START, TokenBuffer, kernel, normalizedKey, normalizedText, wordHash } from "../../src/stories/tokenize.ts";
import { hash40, hex40Of } from "../../src/stories/hash.ts";

function tokens(text: string): { hash: number[]; flags: number[]; sent: number[] } {
  const b = new TokenBuffer(4);
  b.tokenize(text);
  return {
    hash: Array.from(b.hash.subarray(0, b.count)),
    flags: Array.from(b.flags.subarray(0, b.count)),
    sent: Array.from(b.sent.subarray(0, b.count)),
  };
}

test("words are lower-cased, possessives and plurals folded, hyphens split", () => {
  assert.deepEqual(tokens("Xi’s talks").hash, [wordHash("xi"), wordHash("talk")]);
  assert.deepEqual(tokens("Putin's").hash, [wordHash("putin")]);
  assert.deepEqual(tokens("countries").hash, [wordHash("country")]);
  assert.equal(wordHash("Countries"), wordHash("country"));
  assert.equal(wordHash("news"), wordHash("new")); // light stemming, consistent
  assert.notEqual(wordHash("crisis"), wordHash("crisi")); // "-is" kept
  assert.notEqual(wordHash("class"), wordHash("clas")); // "-ss" kept
  assert.deepEqual(tokens("Euro-Atlantic").hash, [wordHash("euro"), wordHash("atlantic")]);
  assert.deepEqual(tokens("don’t").hash, [wordHash("dont")]);
});

test("the character tables give every code unit its class and lower case as tested alone", () => {
  // The tables are built by runs and blocks (kernel.ts buildTables); this is the definition, one unit at a time.
  const { cls, lower, fold } = kernel.tables;
  const [letter, digit, apostrophe] = [cls[0x61], cls[0x30], cls[0x27]];
  const wrong: string[] = [];
  for (let c = 1; c < 0xc0; c++) if ((fold[c] === 0) !== /\s/u.test(String.fromCharCode(c))) wrong.push(`U+${c.toString(16)} space`);
  for (let c = 0xc0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    const unit = String.fromCharCode(c);
    const isLetter = /[\p{L}\p{M}]/u.test(unit);
    const alone = unit.toLowerCase();
    const expected = {
      lower: isLetter && alone.length === 1 ? alone.charCodeAt(0) : c,
      letter: isLetter,
      digit: !isLetter && /\p{Nd}/u.test(unit),
      space: /\s/u.test(unit),
    };
    const got = { lower: lower[c], letter: cls[c] === letter || (isLetter && cls[c] === apostrophe), digit: cls[c] === digit, space: fold[c] === 0 };
    if (JSON.stringify(got) !== JSON.stringify(expected)) wrong.push(`U+${c.toString(16)} ${JSON.stringify(got)}`);
  }
  assert.deepEqual(wrong, []);
  assert.equal(lower[0x130], 0x130, "İ, whose lower case is two units, stays itself");
  assert.equal(lower[0x3a3], 0x3c3, "Σ alone is σ");
});

test("numbers keep decimal points and drop thousands separators", () => {
  assert.deepEqual(tokens("4.25%").hash, [wordHash("4.25")]);
  assert.deepEqual(tokens("100,000 homes").hash.slice(0, 1), [wordHash("100000")]);
  assert.equal(tokens("80th")!.flags[0]! & NUMERIC, NUMERIC);
  assert.deepEqual(tokens("rose 4.9. Then").sent, [0, 0, 1]);
});

test("flags: capitals, sentence starts, quotations", () => {
  const t = tokens('The bank said "Rates will fall." Governor Ilse Marrow agreed');
  const [the, bank, said, rates, will, fall, governor, ilse] = t.flags;
  assert.equal(the! & (CAP | SENT_START), CAP | SENT_START);
  assert.equal(bank! & (CAP | SENT_START), 0);
  assert.equal(said! & IN_QUOTE, 0);
  assert.equal(rates! & (IN_QUOTE | SENT_START), IN_QUOTE | SENT_START);
  assert.equal(will! & IN_QUOTE, IN_QUOTE);
  assert.equal(fall! & IN_QUOTE, IN_QUOTE);
  assert.equal(governor! & (IN_QUOTE | SENT_START), SENT_START);
  assert.equal(ilse! & (CAP | SENT_START), CAP);
  assert.deepEqual(t.sent, [0, 0, 0, 0, 0, 0, 1, 1, 1, 1]);
});

test("curly and straight quotes behave the same", () => {
  assert.deepEqual(tokens("He said “no way” today"), tokens('He said "no way" today'));
  assert.deepEqual(tokens("it’s Xi’s"), tokens("it's Xi's"));
});

test("duplicate key ignores white space, case and quote marks only", () => {
  const a = "Putin said: “We were always together.”\n\nXi agreed.";
  const b = '  putin   SAID: "we were always together."  \n xi agreed. ';
  assert.deepEqual(normalizedKey(a), normalizedKey(b));
  assert.equal(normalizedText(a), normalizedText(b));
  assert.notDeepEqual(normalizedKey(a), normalizedKey(a.replace("agreed", "agrees")));
  assert.notDeepEqual(normalizedKey(a), normalizedKey(a.replace(":", ",")));
  assert.notDeepEqual(normalizedKey("Xi's"), normalizedKey("Xi"));
  assert.notDeepEqual(normalizedKey("dont"), normalizedKey("don't"));
});

test("story ids (hash40 written by hex40Of) are 10 hex chars, salted variants differ, and ids stay what they were", () => {
  const id = (file: string, salt = 0) => hex40Of(hash40(file, salt));
  assert.match(id("seeds/a.txt"), /^[0-9a-f]{10}$/);
  assert.equal(id("x"), id("x"));
  assert.notEqual(id("x"), id("x", 1));
  // Story pages are found under these ids: the values of every earlier version.
  assert.deepEqual([id("seeds/a.txt"), id("seeds/a.txt", 3), id("wire/bbc/002946_c973df3d64dc7783.md"), id("x", 3)], ["702fcef48d", "3814afb987", "f2f3b44fd1", "f6ed87b87f"]);
  // Every digit in its place: the hash as a number in base 16, ten digits.
  for (const h of [0, 1, 0xabcde, 2 ** 20, 0x123456789a, 2 ** 40 - 1]) assert.equal(hex40Of(h), h.toString(16).padStart(10, "0"));
});
