/**
 * Stage 1, decode: a seed file's bytes to clean text (LF line ends, NFC, no
 * stray control characters), reporting every guess the editor should know
 * about. Like markdown-it's core rules (src/rules_core), each rule is one small
 * function in its own file, run in this explicit order.
 */
import type { Message } from "../report/messages.ts";
import type { DecodeRule, DecodeState, Encoding } from "./state.ts";
import { detectBinary } from "./rules/detect_binary.ts";
import { stripBom } from "./rules/strip_bom.ts";
import { decodeText } from "./rules/decode_text.ts";
import { normalizeNewlines } from "./rules/normalize_newlines.ts";
import { repairMojibake } from "./rules/repair_mojibake.ts";
import { stripControls } from "./rules/strip_controls.ts";
import { normalizeNfc } from "./rules/normalize_nfc.ts";

export type { DecodeRule, DecodeState, Encoding } from "./state.ts";

export interface Decoded {
  /** Empty for a binary file. */
  text: string;
  /** What the bytes were read as; "utf-8" for an empty or binary file. */
  encoding: Encoding;
  binary: boolean;
  messages: Message[];
}

export const decodeRules: ReadonlyArray<readonly [name: string, rule: DecodeRule]> = [
  ["detect_binary", detectBinary], // first: nothing else should touch a PNG
  ["strip_bom", stripBom], // the BOM picks the encoding, so before decoding
  ["decode_text", decodeText],
  ["normalize_newlines", normalizeNewlines],
  ["repair_mojibake", repairMojibake], // needs the C1 characters strip_controls removes
  ["strip_controls", stripControls], // before NFC, so a removed control cannot block composition
  ["normalize_nfc", normalizeNfc], // last: repairs can produce decomposed text
];

export function decode(bytes: Uint8Array): Decoded {
  const state: DecodeState = { bytes, text: "", encoding: null, binary: false, messages: [] };
  for (const [, rule] of decodeRules) {
    rule(state);
    if (state.binary) break; // each rule also checks, for callers that run decodeRules themselves
  }
  return {
    text: state.binary ? "" : state.text,
    encoding: state.encoding ?? "utf-8",
    binary: state.binary,
    messages: state.messages,
  };
}
