/**
 * Most front matter is a few `key: value` lines whose values are words, a
 * date, true or false, or a `[list, of, words]`. js-yaml reads those right
 * but slowly for what they are (about a twentieth of a seed's ingest,
 * issue #6), so such a block is read here and any other goes to js-yaml.
 *
 * Only what the YAML 1.2 core schema (js-yaml's CORE_SCHEMA,
 * https://yaml.org/spec/1.2.2/#1032-tag-resolution) reads as text or a
 * boolean is accepted: plain scalars that start with a letter and hold no
 * indicator (`:`, `#`, quotes, brackets, braces, `&`, `*`, `!`, `|`, `>`,
 * `%`, `@`, backquote), so they cannot be null, a number, an alias, a tag,
 * a comment or a nested mapping. A repeated key (an error) and `__proto__`
 * go to js-yaml too. tests/unit/ingest-shortcuts.test.ts compares the two.
 */

const LINE = /^([A-Za-z_][A-Za-z0-9_-]*): (.+)$/;
/** A plain scalar in a block mapping: a letter first, no trailing space. */
const TEXT = /^\p{L}(?:[\p{L}\p{N} _.,'’()?-]*[\p{L}\p{N}_.,'’()?-])?$/u;
/** A plain scalar in a flow sequence: no commas or brackets either. */
const ITEM = /^\p{L}(?:[\p{L}\p{N} _.'’-]*[\p{L}\p{N}_.'’-])?$/u;
/** ISO dates and date-times without an offset: text in the core schema (no timestamps there). */
const DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?$/;
const BOOLEAN: Readonly<Record<string, boolean>> = { true: true, True: true, TRUE: true, false: false, False: false, FALSE: false };
const NULL = new Set(["null", "Null", "NULL"]);

const item = (s: string): string | undefined => (ITEM.test(s) && !NULL.has(s) && !Object.hasOwn(BOOLEAN, s) ? s : undefined);

function value(s: string): unknown {
  if (Object.hasOwn(BOOLEAN, s)) return BOOLEAN[s];
  if (DATE.test(s) || (TEXT.test(s) && !NULL.has(s))) return s;
  if (!s.startsWith("[") || !s.endsWith("]")) return undefined;
  const inner = s.slice(1, -1);
  if (inner === "") return [];
  const items = inner.split(", ").map(item);
  return items.every((i) => i !== undefined) ? items : undefined;
}

/** The mapping, or undefined when the block is not this simple. */
export function readSimpleYaml(source: string): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const line of source.split("\n")) {
    if (line === "") continue;
    const m = LINE.exec(line);
    if (!m) return undefined;
    const [, key = "", written = ""] = m;
    if (key === "__proto__" || Object.hasOwn(out, key)) return undefined;
    const v = value(written);
    if (v === undefined) return undefined;
    out[key] = v;
  }
  return out;
}
