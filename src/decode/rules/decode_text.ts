/**
 * Bytes to text. UTF-16 when a byte order mark said so; otherwise strict UTF-8,
 * and if that fails, Windows-1252.
 *
 * A strict UTF-8 decode failing is a more reliable sign of a legacy encoding
 * than statistical detectors (chardet, jschardet) on texts this short: valid
 * UTF-8 with non-ASCII characters almost never happens by accident. Windows-1252
 * is the legacy encoding to fall back to: it is what WHATWG uses for "latin1"
 * and "iso-8859-1" labels, and a superset of Latin-1's printable characters, so
 * Latin-1 files come out right too.
 */
import { warning } from "../../report/messages.ts";
import { lineOfByte } from "../lines.ts";
import type { DecodeRule } from "../state.ts";
import { decodeUtf8Strict, firstInvalidUtf8 } from "../utf8.ts";
import { decodeWindows1252 } from "../windows1252.ts";

function decodeUtf16(state: Parameters<DecodeRule>[0], encoding: "utf-16le" | "utf-16be"): void {
  const label = encoding === "utf-16le" ? "UTF-16LE" : "UTF-16BE";
  try {
    state.text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(state.bytes);
  } catch {
    // An odd byte count or an unpaired surrogate: keep what can be read.
    state.text = new TextDecoder(encoding, { ignoreBOM: true }).decode(state.bytes);
    state.messages.push(warning(`not valid ${label}; unreadable parts replaced with U+FFFD`));
  }
}

export const decodeText: DecodeRule = (state) => {
  if (state.binary) return;
  if (state.encoding === "utf-16le" || state.encoding === "utf-16be") {
    decodeUtf16(state, state.encoding);
    return;
  }
  const utf8 = decodeUtf8Strict(state.bytes);
  if (utf8 !== null) {
    state.text = utf8;
    state.encoding = "utf-8";
    return;
  }
  const line = lineOfByte(state.bytes, firstInvalidUtf8(state.bytes));
  state.text = decodeWindows1252(state.bytes);
  state.encoding = "windows-1252";
  state.messages.push(warning(`not valid UTF-8 (first bad byte on line ${line}); read as Windows-1252`, { line }));
};
