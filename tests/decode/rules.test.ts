/** Unit tests for the decode rules and helpers, one rule at a time. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { decodeRules, type DecodeState } from "../../src/decode/index.ts";
import { detectBinary } from "../../src/decode/rules/detect_binary.ts";
import { stripBom } from "../../src/decode/rules/strip_bom.ts";
import { decodeText } from "../../src/decode/rules/decode_text.ts";
import { normalizeNewlines } from "../../src/decode/rules/normalize_newlines.ts";
import { repairMojibake } from "../../src/decode/rules/repair_mojibake.ts";
import { stripControls } from "../../src/decode/rules/strip_controls.ts";
import { normalizeNfc } from "../../src/decode/rules/normalize_nfc.ts";
import { firstInvalidUtf8 } from "../../src/decode/utf8.ts";
import { lineOfByte, lineOfIndex } from "../../src/decode/lines.ts";
import { CONTINUATION_BYTE, decodeWindows1252 } from "../../src/decode/windows1252.ts";

const state = (init: Partial<DecodeState> = {}): DecodeState => ({
  bytes: new Uint8Array(),
  text: "",
  encoding: null,
  binary: false,
  messages: [],
  ...init,
});
const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
/** UTF-8 text misread as Windows-1252, `times` times over. */
const mojibake = (s: string, times = 1): string => {
  for (let i = 0; i < times; i++) s = decodeWindows1252(new TextEncoder().encode(s));
  return s;
};

test("rules run in the documented order", () => {
  assert.deepEqual(
    decodeRules.map(([name]) => name),
    ["detect_binary", "strip_bom", "decode_text", "normalize_newlines", "repair_mojibake", "strip_controls", "normalize_nfc"],
  );
});

test("detect_binary: any NUL byte is binary", () => {
  const s = state({ bytes: ascii("plain text\x00 with one NUL") });
  detectBinary(s);
  assert.equal(s.binary, true);
  assert.deepEqual(s.messages, [{ level: "error", message: "binary file (not text); not published" }]);
});

test("detect_binary: control share above 10% is binary, at 10% it is not", () => {
  const at = state({ bytes: ascii("\x01bcdefghij") }); // 1 of 10
  detectBinary(at);
  assert.equal(at.binary, false);
  const above = state({ bytes: ascii("\x01\x02cdefghij") }); // 2 of 10
  detectBinary(above);
  assert.equal(above.binary, true);
});

test("detect_binary: tab, LF, CR and form feed are text", () => {
  const s = state({ bytes: ascii("\t\n\r\f\t\n\r\f") });
  detectBinary(s);
  assert.equal(s.binary, false);
});

test("detect_binary: UTF-16 with a BOM is read by code units, so its zero bytes are fine", () => {
  for (const bom of [[0xff, 0xfe, 0x41, 0x00, 0x42, 0x00], [0xfe, 0xff, 0x00, 0x41, 0x00, 0x42]]) {
    const s = state({ bytes: Uint8Array.from(bom) });
    detectBinary(s);
    assert.equal(s.binary, false);
  }
  const s = state({ bytes: Uint8Array.from([0x41, 0x00, 0x42, 0x00]) }); // no BOM: binary
  detectBinary(s);
  assert.equal(s.binary, true);
});

test("later rules do nothing to a binary state", () => {
  for (const [name, rule] of decodeRules.slice(1)) {
    const s = state({ bytes: ascii("Ã©\r\n"), text: "Ã©\r\n\x01", binary: true });
    rule(s);
    assert.deepEqual(s, state({ bytes: ascii("Ã©\r\n"), text: "Ã©\r\n\x01", binary: true }), name);
  }
});

test("strip_bom: UTF-8 BOM removed quietly; UTF-16 BOMs select the encoding", () => {
  const u8 = state({ bytes: Uint8Array.from([0xef, 0xbb, 0xbf, 0x41]) });
  stripBom(u8);
  assert.deepEqual([...u8.bytes], [0x41]);
  assert.equal(u8.encoding, "utf-8");
  assert.deepEqual(u8.messages, []);
  const be = state({ bytes: Uint8Array.from([0xfe, 0xff, 0x00, 0x41]) });
  stripBom(be);
  assert.deepEqual([...be.bytes], [0x00, 0x41]);
  assert.equal(be.encoding, "utf-16be");
  const none = state({ bytes: ascii("abc") });
  stripBom(none);
  assert.equal(none.encoding, null);
  assert.equal(none.bytes.length, 3);
});

test("firstInvalidUtf8 follows WHATWG's UTF-8 decoder", () => {
  assert.equal(firstInvalidUtf8(new TextEncoder().encode("é’😀 ok")), -1);
  assert.equal(firstInvalidUtf8(Uint8Array.from([0x41, 0xc0, 0x80])), 1); // overlong lead
  assert.equal(firstInvalidUtf8(Uint8Array.from([0x41, 0xe0, 0x80, 0x80])), 1); // overlong 3-byte
  assert.equal(firstInvalidUtf8(Uint8Array.from([0xed, 0xa0, 0x80])), 0); // surrogate
  assert.equal(firstInvalidUtf8(Uint8Array.from([0xf4, 0x90, 0x80, 0x80])), 0); // above U+10FFFF
  assert.equal(firstInvalidUtf8(Uint8Array.from([0x41, 0x42, 0xe2, 0x80])), 2); // truncated
  assert.equal(firstInvalidUtf8(Uint8Array.from([0x41, 0x92])), 1); // stray continuation
});

test("line numbers count CRLF, lone CR and LF as one break each", () => {
  const bytes = ascii("a\r\nb\rc\n\x92");
  assert.equal(lineOfByte(bytes, 7), 4);
  assert.equal(lineOfIndex("a\r\nb\rc\nX", 7), 4);
  assert.equal(lineOfIndex("abc", 0), 1);
});

test("decode_text: strict UTF-8 first, then Windows-1252 with the line of the first bad byte", () => {
  const ok = state({ bytes: new TextEncoder().encode("It’s") });
  decodeText(ok);
  assert.equal(ok.text, "It’s");
  assert.equal(ok.encoding, "utf-8");
  const legacy = state({ bytes: ascii("one\r\ntwo\rIt\x92s \x80 \x93q\x94") });
  decodeText(legacy);
  assert.equal(legacy.text, "one\r\ntwo\rIt’s € “q”");
  assert.equal(legacy.encoding, "windows-1252");
  assert.deepEqual(legacy.messages, [
    { level: "warning", message: "not valid UTF-8 (first bad byte on line 3); read as Windows-1252", line: 3 },
  ]);
});

test("decode_text: a U+FEFF after the removed BOM is kept, not eaten by TextDecoder", () => {
  const s = state({ bytes: Uint8Array.from([0xef, 0xbb, 0xbf, 0x41]), encoding: "utf-8" });
  decodeText(s);
  assert.equal(s.text, "\uFEFFA");
});

test("Windows-1252 is the real table, not Node's Latin-1 (PITFALLS: Encodings)", () => {
  assert.equal(decodeWindows1252(Uint8Array.from([0x80, 0x92, 0x93, 0x94, 0x96, 0x97])), "€’“”–—");
  assert.equal(decodeWindows1252(Uint8Array.from([0x81, 0x8d, 0x8f, 0x90, 0x9d])), "\u0081\u008d\u008f\u0090\u009d");
  assert.equal(decodeWindows1252(Uint8Array.from([0xe9, 0xff])), "éÿ");
});

test("the continuation table covers every byte 0x80..0xBF", () => {
  const bytes = new Set(CONTINUATION_BYTE.values());
  for (let b = 0x80; b <= 0xbf; b++) assert.ok(bytes.has(b), b.toString(16));
  assert.equal(CONTINUATION_BYTE.get("’"), 0x92);
  assert.equal(CONTINUATION_BYTE.get("€"), 0x80);
  assert.equal(CONTINUATION_BYTE.get("\u009d"), 0x9d);
  assert.equal(CONTINUATION_BYTE.get("a"), undefined);
});

test("normalize_newlines: CRLF and lone CR become LF", () => {
  const s = state({ text: "a\r\nb\rc\n\r\r\nd" });
  normalizeNewlines(s);
  assert.equal(s.text, "a\nb\nc\n\n\nd");
});

const repaired = (text: string): DecodeState => {
  const s = state({ text });
  repairMojibake(s);
  return s;
};

test("repair_mojibake: only the runs, never the correct characters around them", () => {
  assert.equal(repaired(`café ${mojibake("’")} naïve ${mojibake("é")}`).text, "café ’ naïve é");
});

test("repair_mojibake: up to three passes; a character mojibaked twice counts once", () => {
  const twice = repaired(`x\n${mojibake("’", 2)} ${mojibake("é", 2)}`);
  assert.equal(twice.text, "x\n’ é");
  assert.deepEqual(twice.messages, [{ level: "warning", message: "repaired 2 mojibake sequences (first on line 2)", line: 2 }]);
  assert.equal(repaired(mojibake("é", 3)).text, "é");
  assert.equal(repaired(mojibake("é", 4)).text, mojibake("é", 1)); // the fourth layer is left
});

test("repair_mojibake: a run whose bytes are not valid UTF-8 is left alone", () => {
  // E0 80 99 is an overlong form; C3 + letter is not a run at all.
  for (const text of ["à€™", "Ãgua", "SÃO", "Âme"]) assert.deepEqual(repaired(text), state({ text }));
});

test("repair_mojibake: an unusual script is repaired only next to another repair", () => {
  assert.equal(repaired("été\u00a0»").text, "été\u00a0»"); // would be U+983B on its own
  assert.equal(repaired("Gruß“").text, "Gruß“"); // would be U+07D3 (NKo)
  assert.equal(repaired(mojibake("中文")).text, "中文");
  assert.equal(repaired(`x${mojibake("中")}x`).text, `x${mojibake("中")}x`); // a lone one: known limit
});

test("repair_mojibake: emoji and Latin-1 style mojibake", () => {
  assert.equal(repaired(mojibake("😀")).text, "😀");
  assert.equal(repaired("It\u00e2\u0080\u0099s").text, "It’s");
});

test("strip_controls: removes Cc except tab and LF, warns once", () => {
  const s = state({ text: "a\tb\n\u0001c\u007f\u0085d\u000b" });
  stripControls(s);
  assert.equal(s.text, "a\tb\ncd");
  assert.deepEqual(s.messages, [{ level: "warning", message: "removed 4 control characters (first on line 2)", line: 2 }]);
});

test("normalize_nfc: decomposed text is composed", () => {
  const s = state({ text: "cafe\u0301 A\u030a" });
  normalizeNfc(s);
  assert.equal(s.text, "café Å");
  assert.equal(s.text.length, 6);
});
