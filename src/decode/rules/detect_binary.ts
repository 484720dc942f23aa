/**
 * A seed that is not text (an image, a PDF, a zip saved under .txt) must not
 * be published as garbage. Two signs, the same ones git and file(1) use:
 *
 * - a NUL anywhere: no text encoding we read uses it, except UTF-16, where
 *   every ASCII character has a zero byte. So a file that starts with a UTF-16
 *   byte order mark is checked by 16-bit code units instead of bytes.
 * - a high share of C0 control characters (other than tab, LF, CR and form
 *   feed, which plain text does contain).
 *
 * Runs first: later rules skip a binary file, and the runner stops.
 */
import { error } from "../../report/messages.ts";
import type { DecodeRule } from "../state.ts";

/** More than this share of control characters means binary. */
const MAX_CONTROL_SHARE = 0.1;

const TAB = 0x09;
const LF = 0x0a;
const FF = 0x0c;
const CR = 0x0d;

const isSuspectControl = (unit: number): boolean => unit < 0x20 && unit !== TAB && unit !== LF && unit !== FF && unit !== CR;

/** Tallies of the file's code units. */
interface Tally {
  total: number;
  controls: number;
  nul: boolean;
}

/**
 * Bytes, by an indexed loop with the test inline: this runs over every byte of
 * every seed, and iterating the Uint8Array (or calling a closure per byte) cost
 * two to three times as much (issue #6).
 */
function tallyBytes(bytes: Uint8Array): Tally {
  let controls = 0;
  let nul = false;
  const n = bytes.length;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b >= 0x20) continue;
    if (b === 0) nul = true;
    else if (isSuspectControl(b)) controls++;
  }
  return { total: n, controls, nul };
}

/** 16-bit units after a UTF-16 byte order mark. A trailing odd byte is decode_text's problem, not a sign of binary. */
function tallyUtf16(bytes: Uint8Array, le: boolean): Tally {
  let total = 0;
  let controls = 0;
  let nul = false;
  for (let i = 2; i + 1 < bytes.length; i += 2) {
    const unit = le ? bytes[i]! | (bytes[i + 1]! << 8) : (bytes[i]! << 8) | bytes[i + 1]!;
    total++;
    if (unit === 0) nul = true;
    else if (isSuspectControl(unit)) controls++;
  }
  return { total, controls, nul };
}

function tally(bytes: Uint8Array): Tally {
  const le = bytes[0] === 0xff && bytes[1] === 0xfe;
  const be = bytes[0] === 0xfe && bytes[1] === 0xff;
  return le || be ? tallyUtf16(bytes, le) : tallyBytes(bytes);
}

export const detectBinary: DecodeRule = (state) => {
  const { total, controls, nul } = tally(state.bytes);
  if (nul || (total > 0 && controls / total > MAX_CONTROL_SHARE)) {
    state.binary = true;
    state.messages.push(error("binary file (not text); not published"));
  }
};
