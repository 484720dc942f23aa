/**
 * Fills `into` with the bytes of `fd` from `position`: one `readSync` may give
 * fewer bytes than asked. False when the file ends first.
 */
import { readSync } from "node:fs";

export function readFully(fd: number, into: Uint8Array, position: number): boolean {
  for (let done = 0; done < into.length; ) {
    const n = readSync(fd, into, done, into.length - done, position + done);
    if (n === 0) return false;
    done += n;
  }
  return true;
}
