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

/** Code units of the file: bytes, or 16-bit units after a UTF-16 byte order mark. */
function codeUnits(bytes: Uint8Array): Iterable<number> {
  const le = bytes[0] === 0xff && bytes[1] === 0xfe;
  const be = bytes[0] === 0xfe && bytes[1] === 0xff;
  if (!le && !be) return bytes;
  const units: number[] = [];
  // A trailing odd byte is decode_text's problem, not a sign of binary.
  for (let i = 2; i + 1 < bytes.length; i += 2) {
    units.push(le ? bytes[i]! | (bytes[i + 1]! << 8) : (bytes[i]! << 8) | bytes[i + 1]!);
  }
  return units;
}

export const detectBinary: DecodeRule = (state) => {
  let total = 0;
  let controls = 0;
  let nul = false;
  for (const unit of codeUnits(state.bytes)) {
    total++;
    if (unit === 0) nul = true;
    else if (isSuspectControl(unit)) controls++;
  }
  if (nul || (total > 0 && controls / total > MAX_CONTROL_SHARE)) {
    state.binary = true;
    state.messages.push(error("binary file (not text); not published"));
  }
};
