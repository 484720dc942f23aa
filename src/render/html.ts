/**
 * Templates are plain TypeScript functions (fast, and typed on Article).
 * `html` is a tagged template that escapes every interpolated value unless it
 * is already `SafeHtml`, so forgetting to escape a title is impossible:
 * text from seeds can only reach a page as escaped text.
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const SPECIAL = /[&<>"']/;
// Most interpolated values (URLs, dates, numbers) need no escaping: test before replacing.
export const escapeHtml = (s: string) => (SPECIAL.test(s) ? s.replace(/[&<>"']/g, (c) => ESCAPES[c]!) : s);

type Part = SafeHtml | string | number | boolean | null | undefined | readonly Part[];

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return "";
  if (part instanceof SafeHtml) return part.value;
  if (Array.isArray(part)) {
    let out = "";
    for (const item of part as readonly Part[]) out += render(item);
    return out;
  }
  return escapeHtml(String(part));
}

/**
 * HTML from a template, its values escaped. In these templates a character beyond ASCII is written
 * as an escape (`\u2026`): esbuild escapes such characters everywhere else in the build's bundle,
 * but not in tagged templates, whose raw text a tag may read, and a bundle with none left is read
 * 11–15 ms sooner on every command (scripts/run-script.mjs).
 */
export function html(strings: TemplateStringsArray, ...values: Part[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1]!;
  return new SafeHtml(out);
}

/** Mark HTML we produced ourselves (markdown-it output, JSON-LD) as safe. */
export const raw = (s: string) => new SafeHtml(s);

const SCRIPT_UNSAFE = /[<>&\u2028\u2029]/g;
const unicodeEscape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;

/** JSON inside <script>: `</script>` and `<!--` in a headline must not end the element. */
export const jsonForScript = (value: unknown) => raw(JSON.stringify(value).replace(SCRIPT_UNSAFE, unicodeEscape));
