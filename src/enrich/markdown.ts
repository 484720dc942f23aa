/**
 * Our own markdown-it instance for seed bodies. `html: false` so raw HTML in a
 * seed is shown as text, never run (Eleventy's default instance has
 * `html: true`); links and images only with safe schemes; headings start at
 * h2 (the headline is the page's h1) and get ids so subheads can be linked.
 * https://github.com/markdown-it/markdown-it/blob/master/docs/security.md
 */
import MarkdownIt, { type Token } from "markdown-it";
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

md.core.ruler.push("demote_and_anchor_headings", (state) => {
  const used = new Set<string>();
  state.tokens.forEach((token, i) => {
    if (token.type !== "heading_open") return;
    const level = Math.min(6, Math.max(2, Number(token.tag.slice(1)) + (token.tag === "h1" ? 1 : 0)));
    token.tag = `h${level}`;
    const closing = state.tokens.slice(i).find((t) => t.type === "heading_close");
    if (closing) closing.tag = token.tag;
    const base = slugify(state.tokens[i + 1]?.content ?? "") || "section";
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    token.attrSet("id", id);
  });
});

// Images from seeds must be web images; a local or data: image would be broken or unsafe.
md.core.ruler.push("safe_images", (state) => {
  for (const block of state.tokens) {
    block.children = block.children?.flatMap((t): Token[] => {
      if (t.type !== "image" || SAFE_IMAGE.test(String(t.attrGet("src") ?? ""))) return [t];
      const alt = new state.Token("text", "", 0);
      alt.content = t.content;
      return [alt];
    }) ?? null;
  }
});

export interface RenderedBody {
  html: string;
  /** Plain text, paragraphs separated by blank lines. */
  text: string;
}

export function renderBody(markdown: string, dateline?: string): RenderedBody {
  const tokens = md.parse(markdown, {});
  const paragraphs: string[] = [];
  for (const t of tokens) {
    if (t.type === "inline") paragraphs.push((t.children ?? []).map((c) => (c.type === "softbreak" ? " " : c.content)).join(""));
  }
  let html = md.renderer.render(tokens, md.options, {});
  if (dateline && html.startsWith("<p>")) {
    html = `<p><span class="dateline">${md.utils.escapeHtml(dateline)}</span> — ${html.slice(3)}`;
  }
  return { html, text: paragraphs.join("\n\n") };
}
