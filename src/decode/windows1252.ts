/**
 * Windows-1252, as the WHATWG Encoding Standard defines it
 * (https://encoding.spec.whatwg.org/index-windows-1252.txt).
 *
 * Not TextDecoder: Node 20's `new TextDecoder('windows-1252')` decodes as
 * Latin-1, so 0x92 stays U+0092 instead of becoming ’ (see
 * /work/shared/PITFALLS.md, "Encodings"). iconv-lite has the real table.
 */
import iconv from "iconv-lite";

/**
 * The five bytes Windows-1252 leaves undefined. iconv-lite turns them into
 * U+FFFD; WHATWG (and Windows' own MultiByteToWideChar) map each to the C1
 * control with the same number, which keeps the byte recoverable.
 */
export const UNDEFINED_BYTES: readonly number[] = [0x81, 0x8d, 0x8f, 0x90, 0x9d];

/** Decode bytes as Windows-1252, with WHATWG's mapping for the undefined bytes. */
export function decodeWindows1252(bytes: Uint8Array): string {
  const text = iconv.decode(bytes, "windows-1252");
  // Single-byte, and every character is in the BMP: text[i] came from bytes[i].
  if (!text.includes("\uFFFD")) return text;
  let out = "";
  for (let i = 0; i < text.length; i++) {
    out += text[i] === "\uFFFD" ? String.fromCharCode(bytes[i]!) : text[i];
  }
  return out;
}

/**
 * Character → byte for every character Windows-1252 produces for the bytes
 * 0x80..0xBF, i.e. for UTF-8 continuation bytes. Built from iconv-lite rather
 * than typed in, so it cannot drift from the decoder above.
 *
 * All of U+0080..U+009F are accepted too, each as its own byte: that covers the
 * five undefined bytes (`â€\u009d` for ”) and text that went through Latin-1
 * instead (`â\u0080\u0099` for ’, as PHP's utf8_encode makes). C1 controls never
 * occur in real prose, so accepting them cannot misfire on correct text.
 */
export const CONTINUATION_BYTE: ReadonlyMap<string, number> = (() => {
  const map = new Map<string, number>();
  for (let b = 0x80; b <= 0xbf; b++) map.set(decodeWindows1252(Uint8Array.of(b)), b);
  for (let b = 0x80; b <= 0x9f; b++) map.set(String.fromCharCode(b), b);
  return map;
})();
