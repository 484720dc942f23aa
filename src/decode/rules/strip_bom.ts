/**
 * A byte order mark is the one reliable statement of a file's encoding
 * (WHATWG Encoding, "BOM sniff": https://encoding.spec.whatwg.org/#bom-sniff).
 * A UTF-8 BOM is only removed (Notepad adds it; it would otherwise end up as
 * U+FEFF in front of the first `---`). A UTF-16 BOM selects that encoding.
 */
import { info } from "../../report/messages.ts";
import type { DecodeRule, Encoding } from "../state.ts";

const BOMS: ReadonlyArray<readonly [bom: readonly number[], encoding: Encoding]> = [
  [[0xef, 0xbb, 0xbf], "utf-8"],
  [[0xff, 0xfe], "utf-16le"],
  [[0xfe, 0xff], "utf-16be"],
];

const LABEL: Record<Encoding, string> = {
  "utf-8": "UTF-8",
  "windows-1252": "Windows-1252",
  "utf-16le": "UTF-16LE",
  "utf-16be": "UTF-16BE",
};

export const stripBom: DecodeRule = (state) => {
  if (state.binary) return;
  for (const [bom, encoding] of BOMS) {
    if (!bom.every((b, i) => state.bytes[i] === b)) continue;
    state.bytes = state.bytes.subarray(bom.length);
    state.encoding = encoding;
    if (encoding !== "utf-8") state.messages.push(info(`byte order mark: read as ${LABEL[encoding]}`));
    return;
  }
};
