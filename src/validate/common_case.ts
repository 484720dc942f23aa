/**
 * The common case of validation without zod. Almost every candidate is plain
 * text within the limits, a list of text, a valid date and a flag; for those,
 * zod's unions, pipes and per-step result objects cost more than the rest of
 * validation, and in the per-file pipeline they were one of its largest parts
 * (issue #6).
 *
 * `parseCommonCase` returns exactly what `ArticleDataSchema.parse` returns
 * (the same keys, in the same order, with the same values), built with the
 * schema's own transforms and limits, or `undefined` for anything else:
 * numbers, nulls in text fields, anything too long, empty or invalid. Those
 * go through the schema, which also writes the messages. So the schema stays
 * the one definition of what is valid; this only takes a shortcut through it.
 * tests/unit/validate-common-case.test.ts compares the two on many inputs.
 */
import {
  ArticleDataSchema,
  FLAG_WORDS,
  LIST_LIMITS,
  TEXT_LIMITS,
  flagValue,
  isValidDate,
  listItems,
  oneLine,
  type ArticleData,
  type ArticleField,
} from "./schema.ts";

/** Not the common case: the schema decides. */
const OTHER = Symbol("other");
type Field = (value: unknown) => unknown;

const text =
  (max: number): Field =>
  (v) => {
    if (typeof v !== "string") return OTHER;
    const s = oneLine(v);
    return s.length >= 1 && s.length <= max ? s : OTHER;
  };

const list: Field = (v) => {
  if (!(v === null || typeof v === "string" || (Array.isArray(v) && v.every((item) => typeof item === "string")))) return OTHER;
  const items = listItems(v);
  return items.length <= LIST_LIMITS.items && items.every((item) => item.length <= LIST_LIMITS.item) ? items : OTHER;
};

const date: Field = (v) => {
  if (typeof v !== "string") return OTHER;
  const s = v.trim();
  return isValidDate(s) ? s : OTHER;
};

const flag: Field = (v) =>
  typeof v === "boolean" || (FLAG_WORDS as readonly unknown[]).includes(v) ? flagValue(v as Parameters<typeof flagValue>[0]) : OTHER;

/** zod's `.optional()`: a missing key stays missing, a key holding undefined stays undefined. */
const optional =
  (field: Field): Field =>
  (v) =>
    v === undefined ? undefined : field(v);

/** zod 4's `.default()`: undefined becomes a fresh default without being parsed. */
const withDefault =
  (field: Field, fallback: () => unknown): Field =>
  (v) =>
    v === undefined ? fallback() : field(v);

/** `.optional()` fields are left out when missing; every other field is always there (or the case is not common). */
const FIELDS: ReadonlyArray<readonly [ArticleField, Field, "optional" | "always"]> = [
  ["title", text(TEXT_LIMITS.title), "always"],
  ["dek", optional(text(TEXT_LIMITS.dek)), "optional"],
  ["authors", withDefault(list, () => []), "always"],
  ["dateline", optional(text(TEXT_LIMITS.dateline)), "optional"],
  ["date", date, "always"],
  ["updated", optional(date), "optional"],
  ["tags", withDefault(list, () => []), "always"],
  ["categories", withDefault(list, () => []), "always"],
  ["image", optional(text(TEXT_LIMITS.image)), "optional"],
  ["imageAlt", optional(text(TEXT_LIMITS.imageAlt)), "optional"],
  ["draft", withDefault(flag, () => false), "always"],
  ["slug", optional(text(TEXT_LIMITS.slug)), "optional"],
  ["body", (v) => (typeof v === "string" ? v : OTHER), "always"],
];

/**
 * Only while FIELDS lists the schema's fields in the schema's order: a field
 * added to the schema and not here turns the shortcut off rather than let it
 * return something the schema would not.
 */
const inStep = FIELDS.map(([name]) => name).join() === Object.keys(ArticleDataSchema.shape).join();

export function parseCommonCase(input: Readonly<Record<string, unknown>>): ArticleData | undefined {
  if (!inStep) return undefined;
  const out: Record<string, unknown> = {};
  for (const [name, field, presence] of FIELDS) {
    const written = Object.hasOwn(input, name);
    if (!written && presence === "optional") continue;
    const value = field(input[name]);
    if (value === OTHER) return undefined;
    out[name] = value;
  }
  return out as ArticleData;
}
