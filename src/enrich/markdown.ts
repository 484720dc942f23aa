/**
 * Our own markdown-it instance for seed bodies. `html: false` so raw HTML in a
 * seed is shown as text, never run (Eleventy's default instance has
 * `html: true`); links and images only with safe schemes; headings start at
 * h2 (the headline is the page's h1) and get ids so subheads can be linked.
 * https://github.com/markdown-it/markdown-it/blob/master/docs/security.md
 */
import MarkdownIt, { type MarkdownIt as Markdown, type StateInline, type Token } from "markdown-it";
import { slugify } from "./slug.ts";

const SAFE_LINK = /^(?:https?:|mailto:|#|\/(?!\/)|\.{0,2}\/?[\w-])/i;
const SAFE_IMAGE = /^https?:/i;
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

export const md = new MarkdownIt({ html: false, typographer: true, linkify: true });

// markdown-it's default validateLink lets `data:image/*` through; we allow
// only web links, mail and relative paths (anything with another scheme is
// left as plain text).
md.validateLink = (url: string) => {
  const u = url.trim();
  return SCHEME.test(u) ? /^(?:https?|mailto):/i.test(u) : SAFE_LINK.test(u) || u === "";
};

// linkify-it's test() runs a large Unicode regex over every paragraph, and
// that was the costliest single step of rendering a plain article (issue #6).
// Whatever it can link holds a schema (`http:`, `https:`, `ftp:`, `mailto:`,
// `//`: a ":" or a "/"), an "@" (an e-mail address), or, for fuzzy links, a
// dot followed by the next label of a host name, which is never white space
// (https://github.com/markdown-it/linkify-it, src/re.ts). Text with none of
// these is not asked; the answer would be no, so the output is the same.
const LINK_HINT = /[:/@]|\.\S/;
const linkifyTest = md.linkify.test.bind(md.linkify);
md.linkify.test = (text: string): boolean => LINK_HINT.test(text) && linkifyTest(text);

/**
 * markdown-it's linkify rule (rules_core/linkify) asks linkify-it about a paragraph's whole source
 * before its text tokens, so a paragraph whose only URL is a `[label](url)` destination ran
 * linkify-it's validator for nothing: a tenth of rendering the benchmark's articles. This leaves out
 * of the rule's pass the paragraphs none of whose text tokens outside links holds a LINK_HINT, in
 * which it links nothing; the others it sees as before (its own walk over their tokens decides).
 */
export function linkifyOnlyWhereTextMayLink(instance: Markdown): void {
  const linkify = instance.core.ruler.__rules__.find((rule) => rule.name === "linkify")?.fn;
  if (!linkify) throw new Error("markdown-it has no core rule named linkify");
  instance.core.ruler.at("linkify", (state) => {
    const blocks = state.tokens;
    state.tokens = blocks.filter((t) => t.type === "inline" && textMayLink(t.children ?? []));
    try {
      linkify(state);
    } finally {
      state.tokens = blocks;
    }
  });
}

/** Whether a text token outside links holds a LINK_HINT, walking the tokens as rules_core/linkify does. */
function textMayLink(tokens: readonly Token[]): boolean {
  for (let i = tokens.length - 1; i >= 0; i--) {
    const token = tokens[i]!;
    if (token.type === "link_close") {
      i--;
      while (tokens[i]!.level !== token.level && tokens[i]!.type !== "link_open") i--;
      continue;
    }
    // Raw HTML (off here: `html: false`) has its own rule for links in the walk; let it decide.
    if (token.type === "html_inline" || (token.type === "text" && LINK_HINT.test(token.content))) return true;
  }
  return false;
}
linkifyOnlyWhereTextMayLink(md);

// markdown-it's `text` rule (rules_inline/text.ts) looks at every character of every paragraph
// through a switch over the characters that may start markup; one regular-expression search for
// the same characters finds where the run of plain text ends: 3,000 benchmark articles rendered
// in 287 ms instead of 360 ms.
// A match at or past `posMax` ends the run at `posMax`, as the loop stops there; a search never
// runs far past it: markdown-it lowers `posMax` only to parse a link's label, which ends at a `]`.
const MARKUP_START = /[\n!#$%&*+\-:<=>@[\\\]^_`{}~]/g;
export function plainTextRun(state: StateInline, silent: boolean): boolean {
  const start = state.pos;
  MARKUP_START.lastIndex = start;
  const found = MARKUP_START.exec(state.src);
  const end = found && found.index < state.posMax ? found.index : state.posMax;
  if (end === start) return false;
  if (!silent) state.pending += state.src.slice(start, end);
  state.pos = end;
  return true;
}
md.inline.ruler.at("text", plainTextRun);

// Linear in the number of headings: a hostile seed can hold a million of them.
md.core.ruler.push("demote_and_anchor_headings", (state) => {
  const used = new Set<string>();
  const nextSuffix = new Map<string, number>();
  let open: Token | undefined;
  state.tokens.forEach((token, i) => {
    if (token.type === "heading_close" && open) {
      token.tag = open.tag;
      open = undefined;
    }
    if (token.type !== "heading_open") return;
    const level = Math.min(6, Math.max(2, Number(token.tag.slice(1)) + (token.tag === "h1" ? 1 : 0)));
    token.tag = `h${level}`;
    open = token;
    const base = slugify(state.tokens[i + 1]?.content ?? "") || "section";
    let id = base;
    for (let n = nextSuffix.get(base) ?? 2; used.has(id); n++) {
      id = `${base}-${n}`;
      nextSuffix.set(base, n + 1);
    }
    used.add(id);
    token.attrSet("id", id);
  });
});

// Images from seeds must be web images; a local or data: image would be broken or unsafe.
// Replaced in place: most paragraphs have no image, so nothing is copied (issue #6).
md.core.ruler.push("safe_images", (state) => {
  for (const block of state.tokens) {
    const children = block.children ?? [];
    children.forEach((t, i) => {
      if (t.type !== "image" || SAFE_IMAGE.test(String(t.attrGet("src") ?? ""))) return;
      const alt = new state.Token("text", "", 0);
      alt.content = t.content;
      children[i] = alt;
    });
  }
});

export interface RenderedBody {
  html: string;
  /** Plain text, paragraphs separated by blank lines. */
  text: string;
}

/**
 * markdown-it is linear but slow on hostile text (5 MB of `[` takes ~25 s), so
 * a body this long (a book chapter is ~300 000 characters) is shown as plain paragraphs.
 */
export const MAX_MARKDOWN_LENGTH = 512 * 1024; // characters

function renderPlain(text: string): RenderedBody {
  const paragraphs = text.split(/\n\s*\n/).map((p) => p.replace(/\s+/g, " ").trim()).filter(Boolean);
  return { html: paragraphs.map((p) => `<p>${md.utils.escapeHtml(p)}</p>\n`).join(""), text: paragraphs.join("\n\n") };
}

export function renderBody(markdown: string, dateline?: string): RenderedBody {
  if (markdown.length > MAX_MARKDOWN_LENGTH) return withDateline(renderPlain(markdown), dateline);
  const tokens = md.parse(markdown, {});
  const paragraphs: string[] = [];
  for (const t of tokens) {
    if (t.type !== "inline") continue;
    let paragraph = "";
    for (const c of t.children ?? []) paragraph += c.type === "softbreak" ? " " : c.content;
    paragraphs.push(paragraph);
  }
  return withDateline({ html: md.renderer.render(tokens, md.options, {}), text: paragraphs.join("\n\n") }, dateline);
}

function withDateline(body: RenderedBody, dateline?: string): RenderedBody {
  if (!dateline || !body.html.startsWith("<p>")) return body;
  return { ...body, html: `<p><span class="dateline">${md.utils.escapeHtml(dateline)}</span> — ${body.html.slice(3)}` };
}
