/**
 * Strict UTF-8, per the WHATWG Encoding Standard's UTF-8 decoder
 * (https://encoding.spec.whatwg.org/#utf-8-decoder): no overlong forms, no
 * surrogates (ED A0..ED BF), nothing above U+10FFFF.
 */

/**
 * `fatal: true` throws instead of inserting U+FFFD; `ignoreBOM: true` keeps a
 * U+FEFF that is part of the text (a leading BOM is removed by `strip_bom`).
 */
const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** The text, or null when `bytes` is not valid UTF-8. */
export function decodeUtf8Strict(bytes: Uint8Array): string | null {
  try {
    return strict.decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Index of the first byte that starts an invalid or truncated sequence, or -1
 * when every byte is valid. TextDecoder only says *that* decoding failed; the
 * editor needs to know *where*. The bounds are the spec's "UTF-8 lower/upper
 * boundary" for the second byte.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lower = 0x80;
    let upper = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) need = 1;
    else if (lead >= 0xe0 && lead <= 0xef) {
      need = 2;
      if (lead === 0xe0) lower = 0xa0; // overlong
      if (lead === 0xed) upper = 0x9f; // UTF-16 surrogates
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      need = 3;
      if (lead === 0xf0) lower = 0x90; // overlong
      if (lead === 0xf4) upper = 0x8f; // above U+10FFFF
    } else return i; // a stray continuation byte, C0/C1 (overlong) or F5..FF
    for (let k = 1; k <= need; k++) {
      const b = bytes[i + k];
      const lo = k === 1 ? lower : 0x80;
      const hi = k === 1 ? upper : 0xbf;
      if (b === undefined || b < lo || b > hi) return i;
    }
    i += need + 1;
  }
  return -1;
}
