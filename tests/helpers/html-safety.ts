/**
 * "No script reaches a reader", checked the way a browser reads HTML: tags are
 * found with the HTML5 tokenizer's rules (a `<` followed by a letter opens a
 * tag; attributes end at white space, `/` or `>` unless quoted; script and
 * style content is raw text), attribute values are entity-decoded, and URLs
 * are stripped of the white space and control characters browsers ignore.
 *
 * What the site itself may contain: `<script type="application/ld+json">`
 * holding JSON, and `<script src>` pointing into the site. Anything else that
 * could run is reported: other scripts, `on*` attributes, javascript:,
 * vbscript: or data: URLs, frames, objects, `<base>`, meta refresh.
 */

export interface Tag {
  name: string;
  attrs: Array<[name: string, value: string]>;
  /** Raw text content, for script and style elements. */
  content?: string;
  index: number;
}

const RAW_TEXT = new Set(["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript"]);
const isAlpha = (c: string | undefined) => !!c && /[A-Za-z]/.test(c);
const isSpace = (c: string | undefined) => c === " " || c === "\t" || c === "\n" || c === "\f" || c === "\r";

/** HTML folds only ASCII letters; `"İ".toLowerCase()` is two code units and would shift every index after it. */
const asciiLower = (s: string) => s.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));

export function scanTags(html: string): Tag[] {
  const tags: Tag[] = [];
  let lower: string | undefined;
  let i = 0;
  while ((i = html.indexOf("<", i)) >= 0) {
    const start = i;
    if (html.startsWith("<!--", i)) {
      const end = html.indexOf("-->", i + 4);
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    const next = html[i + 1];
    if (next === "!" || next === "?" || (next === "/" && isAlpha(html[i + 2]))) {
      const end = html.indexOf(">", i);
      i = end < 0 ? html.length : end + 1;
      continue;
    }
    if (!isAlpha(next)) {
      i++;
      continue; // a literal "<" in text
    }
    i++;
    let name = "";
    while (i < html.length && !isSpace(html[i]) && html[i] !== "/" && html[i] !== ">") name += html[i++]!.toLowerCase();
    const attrs: Tag["attrs"] = [];
    for (;;) {
      while (i < html.length && (isSpace(html[i]) || html[i] === "/")) i++;
      if (i >= html.length || html[i] === ">") break;
      let attr = html[i++]!; // the first character may be "="
      while (i < html.length && !isSpace(html[i]) && html[i] !== "/" && html[i] !== ">" && html[i] !== "=") attr += html[i++];
      while (isSpace(html[i])) i++;
      let value = "";
      if (html[i] === "=") {
        i++;
        while (isSpace(html[i])) i++;
        const q = html[i];
        if (q === '"' || q === "'") {
          const end = html.indexOf(q, i + 1);
          value = html.slice(i + 1, end < 0 ? html.length : end);
          i = end < 0 ? html.length : end + 1;
        } else {
          while (i < html.length && !isSpace(html[i]) && html[i] !== ">") value += html[i++];
        }
      }
      attrs.push([attr.toLowerCase(), decodeEntities(value)]);
    }
    i++;
    const tag: Tag = { name, attrs, index: start };
    if (RAW_TEXT.has(name)) {
      const close = (lower ??= asciiLower(html)).indexOf(`</${name}`, i);
      tag.content = html.slice(i, close < 0 ? html.length : close);
      i = close < 0 ? html.length : close;
    }
    tags.push(tag);
  }
  return tags;
}

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", colon: ":", tab: "\t", newline: "\n", sol: "/", lpar: "(", rpar: ")" };

export function decodeEntities(s: string): string {
  return s.replace(/&(?:#(\d+)|#x([0-9a-f]+)|([a-z]+));?/gi, (m, dec: string, hex: string, name: string) => {
    if (dec || hex) {
      const code = dec ? Number(dec) : parseInt(hex, 16);
      return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : "\uFFFD";
    }
    return NAMED[name.toLowerCase()] ?? m;
  });
}

const URL_ATTRS = new Set(["href", "src", "srcset", "action", "formaction", "poster", "data", "background", "xlink:href", "cite", "ping", "manifest", "lowsrc", "dynsrc", "longdesc", "usemap", "codebase", "archive"]);
const FORBIDDEN_TAGS = new Set(["iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal"]);
const BAD_SCHEME = /^(?:javascript|vbscript|data|livescript|mocha):/;

/** The scheme a browser would see: leading/trailing C0 and spaces dropped, tabs and newlines removed anywhere. */
export const urlScheme = (url: string) =>
  url.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "").replace(/[\t\n\r]/g, "").toLowerCase();

export function unsafeMarkup(html: string): string[] {
  const problems: string[] = [];
  const where = (t: Tag) => `<${t.name}> at ${t.index}: ${html.slice(t.index, t.index + 120).replace(/\s+/g, " ")}`;
  for (const tag of scanTags(html)) {
    if (FORBIDDEN_TAGS.has(tag.name)) problems.push(`forbidden element ${where(tag)}`);
    const attr = (n: string) => tag.attrs.find(([a]) => a === n)?.[1];
    if (tag.name === "script") {
      const type = attr("type")?.trim().toLowerCase();
      const src = attr("src");
      if (type === "application/ld+json" && src === undefined) {
        try {
          JSON.parse(tag.content ?? "");
        } catch {
          problems.push(`JSON-LD that is not JSON ${where(tag)}`);
        }
      } else if (!(src !== undefined && src.startsWith("/") && !src.startsWith("//") && !(tag.content ?? "").trim())) {
        problems.push(`script ${where(tag)}`);
      }
    }
    if (tag.name === "meta" && attr("http-equiv")?.toLowerCase() === "refresh") problems.push(`meta refresh ${where(tag)}`);
    for (const [name, value] of tag.attrs) {
      if (/^on/.test(name)) problems.push(`event handler ${name} ${where(tag)}`);
      if (name === "style" && /expression\s*\(|javascript:|url\s*\(/i.test(value)) problems.push(`style with code or URL ${where(tag)}`);
      if (URL_ATTRS.has(name)) {
        const urls = name === "srcset" || name === "ping" ? value.split(/[,\s]+/) : [value];
        for (const u of urls) if (BAD_SCHEME.test(urlScheme(u))) problems.push(`${name}=${JSON.stringify(u.slice(0, 60))} ${where(tag)}`);
      }
    }
  }
  return problems;
}
