/**
 * 1-based line numbers, counted the way `normalize_newlines` will split lines
 * (CRLF, lone CR and LF each end one line), so that a line named before and
 * after newline normalisation is the same line of the seed file.
 */

const LF = 0x0a;
const CR = 0x0d;

/** The line of the byte at `index` in `bytes` (an ASCII-compatible encoding). */
export function lineOfByte(bytes: Uint8Array, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < bytes.length; i++) {
    const b = bytes[i];
    if (b === LF || (b === CR && bytes[i + 1] !== LF)) line++;
  }
  return line;
}

/** The line of the UTF-16 code unit at `index` in `text`. */
export function lineOfIndex(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) line++;
  }
  return line;
}
