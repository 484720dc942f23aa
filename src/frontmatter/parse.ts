/**
 * Stage 3, front matter: YAML only.
 *
 * gray-matter evaluates `---js` / `---javascript` / `--- js` blocks with
 * `eval` by default, and `engines: { js: false }` does not stop it
 * (../../../shared/PITFALLS.md). So: a block is front matter only when the
 * first line is exactly `---`; any other `---something` opener is an error;
 * and every non-YAML engine is replaced by one that throws, as a second lock.
 * YAML is read with the CORE schema: no `!!js/*` types, and no implicit
 * timestamps (js-yaml would turn `2025-09-02` into a UTC instant, Eleventy's
 * classic off-by-one day).
 */
import matter from "gray-matter";
import yaml from "js-yaml";
import { error, type Message } from "../report/messages.ts";
import { exceedsNodeBudget } from "./bounded.ts";

export const MAX_FRONT_MATTER_BYTES = 64 * 1024;
const MAX_FRONT_MATTER_NODES = 5_000;

export interface FrontMatter {
  /** Parsed keys; unknown keys are kept and ignored later. */
  data: Record<string, unknown>;
  /** 1-based file line of each top-level key, for messages. */
  keyLines: Map<string, number>;
  body: string;
  /** 1-based file line where `body` starts. */
  bodyLine: number;
  messages: Message[];
  /** True when the file cannot be published because of its front matter. */
  failed: boolean;
}

const refuse = (): never => {
  throw new Error("only YAML front matter is accepted; code in front matter is never run");
};
const engines = {
  yaml: (src: string) => yaml.load(src, { schema: yaml.CORE_SCHEMA, json: false }) as object,
  javascript: refuse,
  js: refuse,
  coffee: refuse,
  coffeescript: refuse,
  cson: refuse,
  toml: refuse,
  json: refuse,
};

const MAX_FLOW_DEPTH = 64;

/** Deepest `[`/`{` nesting outside quotes (a fast over-estimate is fine: it only refuses), and its 1-based block line. */
function flowDepth(block: string): { max: number; line: number } {
  let depth = 0;
  let max = 0;
  let line = 1;
  let maxLine = 1;
  let quote = "";
  for (let i = 0; i < block.length; i++) {
    const c = block[i]!;
    if (c === "\n") {
      line++;
      if (quote) quote = ""; // a quote never hides a whole line break here
    } else if (quote) {
      if (c === quote) quote = "";
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "[" || c === "{") {
      if (++depth > max) {
        max = depth;
        maxLine = line;
      }
    } else if ((c === "]" || c === "}") && depth > 0) depth--;
  }
  return { max, line: maxLine };
}

const OPENER = /^---[ \t]*$/;
const CLOSER = /^(?:---|\.\.\.)[ \t]*$/;

export function parseFrontMatter(text: string): FrontMatter {
  const result: FrontMatter = { data: {}, keyLines: new Map(), body: text, bodyLine: 1, messages: [], failed: false };
  const firstBreak = text.indexOf("\n");
  const firstLine = firstBreak < 0 ? text : text.slice(0, firstBreak);
  const fail = (message: string, line: number) => {
    result.messages.push(error(message, { field: "front matter", line }));
    result.failed = true;
    return result;
  };
  // Hugo's TOML front matter would otherwise be published as the article's first paragraph.
  if (/^\+\+\+[ \t]*$/.test(firstLine)) return fail('TOML front matter ("+++") is not read; write YAML between two "---" lines', 1);
  if (!firstLine.startsWith("---")) return result;
  if (!OPENER.test(firstLine)) {
    return fail(`front matter must open with a line of exactly "---" (YAML); found "${firstLine.slice(0, 40)}". Code front matter is never run`, 1);
  }

  const lines = text.split("\n");
  const close = lines.findIndex((l, i) => i > 0 && CLOSER.test(l));
  if (close < 0) return fail('front matter opened on line 1 is never closed with a "---" line', 1);
  const block = lines.slice(1, close).join("\n");
  if (Buffer.byteLength(block) > MAX_FRONT_MATTER_BYTES) {
    return fail(`front matter is larger than ${MAX_FRONT_MATTER_BYTES / 1024} KB`, 1);
  }

  // js-yaml parses flow collections recursively: `[[[[…` thousands deep
  // overflows the stack. Nothing an editor writes nests more than a few levels.
  const depth = flowDepth(block);
  if (depth.max > MAX_FLOW_DEPTH) {
    return fail(`front matter nests brackets more than ${MAX_FLOW_DEPTH} levels deep; refused`, depth.line + 1);
  }

  let data: unknown;
  try {
    // gray-matter is given the block alone, already delimited, so its own
    // language detection never sees an opener it could route to an engine.
    data = matter(`---\n${block}\n---\n`, { engines, language: "yaml" }).data;
  } catch (cause) {
    const mark = (cause as { mark?: { line?: number } }).mark;
    const reason = (cause as { reason?: string }).reason ?? (cause as Error).message;
    return fail(`front matter is not valid YAML: ${reason}`, typeof mark?.line === "number" ? mark.line + 2 : 1);
  }
  if (exceedsNodeBudget(data, MAX_FRONT_MATTER_NODES)) {
    return fail(`front matter has more than ${MAX_FRONT_MATTER_NODES} values (YAML aliases?); refused`, 1);
  }
  if (data === null || data === undefined) data = {};
  if (typeof data !== "object" || Array.isArray(data)) {
    return fail("front matter must be a list of `key: value` lines", 2);
  }
  result.data = data as Record<string, unknown>;
  lines.slice(1, close).forEach((l, i) => {
    const key = /^([A-Za-z_][\w-]*)\s*:/.exec(l)?.[1];
    if (key && !result.keyLines.has(key)) result.keyLines.set(key, i + 2);
  });
  result.body = lines.slice(close + 1).join("\n");
  result.bodyLine = close + 2;
  return result;
}
