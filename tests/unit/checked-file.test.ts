/**
 * Checked cache files (src/ingest/checked-file.ts): what is written reads back
 * as it was, in either format; the typed arrays of a columns file come back as
 * views of the bytes read, whatever their sizes; and a damaged file, or one of
 * the other format, reads as nothing.
 */
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { COLUMNS, readCheckedFile, V8, writeCheckedFile } from "../../src/ingest/checked-file.ts";
import { tempDir } from "../helpers/cli.ts";

const value = () => ({
  key: "code hash",
  revisions: "a\nb\nc",
  count: 3,
  odd: Uint8Array.of(1, 2, 3),
  floats: Float64Array.of(0.1, -2.5e300, Number.NaN),
  ids: Int32Array.of(-1, 0, 2 ** 31 - 1),
  stream: Uint16Array.of(65535, 7),
  hashes: Uint32Array.of(2 ** 32 - 1),
  weights: Float32Array.of(1.5),
  none: new Int32Array(0),
});

test("a columns file reads back as written, its arrays as views of one buffer", () => {
  const file = path.join(tempDir("checked-file"), "x.bin");
  writeCheckedFile(file, value(), COLUMNS);
  const back = readCheckedFile(file, COLUMNS) as ReturnType<typeof value>;
  assert.deepEqual(back, value());
  assert.ok(back.floats instanceof Float64Array && back.ids instanceof Int32Array && back.stream instanceof Uint16Array);
  // Not copies: every array lies in the file's bytes, each at a multiple of 8 (after a 3-byte one too).
  assert.equal(back.ids.buffer, back.floats.buffer);
  assert.equal(back.odd.buffer, back.weights.buffer);
  assert.equal(back.floats.byteOffset % 8, 0);
});

test("columns that do not lie at a multiple of their element size are copied, not misread", () => {
  const bytes = Buffer.concat(COLUMNS.encode(value()));
  // The same payload one byte into a buffer: no Int32Array or Float64Array can view it there.
  const shifted = Buffer.alloc(bytes.length + 1);
  bytes.copy(shifted, 1);
  const back = COLUMNS.decode(shifted.subarray(1)) as ReturnType<typeof value>;
  assert.deepEqual(back, value());
  assert.notEqual(back.floats.buffer, shifted.buffer);
});

test("a view no column type matches is refused, not written as JSON", () => {
  const file = path.join(tempDir("checked-file"), "x.bin");
  assert.throws(() => writeCheckedFile(file, { bytes: Buffer.from("abc") }, COLUMNS), /column bytes: a Buffer cannot be stored/);
  assert.throws(() => writeCheckedFile(file, { view: new DataView(new ArrayBuffer(8)) }, COLUMNS), /column view: a DataView/);
});

test("a damaged file, or one of the other format, reads as nothing", () => {
  const dir = tempDir("checked-file");
  const [columns, serialized] = [path.join(dir, "c.bin"), path.join(dir, "v.bin")];
  writeCheckedFile(columns, value(), COLUMNS);
  writeCheckedFile(serialized, value(), V8);
  assert.deepEqual(readCheckedFile(serialized), value());
  assert.equal(readCheckedFile(columns, V8), undefined);
  assert.equal(readCheckedFile(serialized, COLUMNS), undefined);
  const bytes = readFileSync(columns);
  bytes[bytes.length - 2]! ^= 1;
  writeFileSync(columns, bytes);
  assert.equal(readCheckedFile(columns, COLUMNS), undefined);
  writeFileSync(columns, bytes.subarray(0, 40));
  assert.equal(readCheckedFile(columns, COLUMNS), undefined);
  assert.equal(readCheckedFile(path.join(dir, "missing.bin"), COLUMNS), undefined);
});
