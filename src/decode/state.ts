/**
 * The state the decode rules share. Each rule reads and updates it in place,
 * like markdown-it's core rules share one `StateCore`.
 */
import type { Message } from "../report/messages.ts";

/** The encodings a seed can be read as. Whatever it was, the site is written as UTF-8. */
export type Encoding = "utf-8" | "windows-1252" | "utf-16le" | "utf-16be";

export interface DecodeState {
  /** The file's bytes; `strip_bom` narrows this to the bytes after a byte order mark. */
  bytes: Uint8Array;
  /** The decoded text; empty until `decode_text` has run. */
  text: string;
  /** Chosen by a byte order mark (`strip_bom`) or by `decode_text`; null until then. */
  encoding: Encoding | null;
  /** Set by `detect_binary`; every later rule does nothing once it is true. */
  binary: boolean;
  messages: Message[];
}

export type DecodeRule = (state: DecodeState) => void;
