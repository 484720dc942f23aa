/** The page shell every page shares: head, skip link, masthead, footer. */
import { html, type SafeHtml } from "../src/render/html.ts";
import { absoluteUrl, href } from "../src/render/site-data.ts";
import type { Site } from "../src/site/settings.ts";

export interface PageShell {
  site: Site;
  /** Site-relative URL of this page. */
  url: string;
  title: string;
  description: string;
  body: SafeHtml;
  /** Extra tags for <head> (structured data, social cards). */
  head?: SafeHtml;
}

export function layout({ site, url, title, description, body, head }: PageShell): string {
  const fullTitle = url === "/" ? site.title : `${title} · ${site.title}`;
  return `<!doctype html>\n${html`<html lang="${site.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${fullTitle}</title>
<meta name="description" content="${description}">
<link rel="canonical" href="${absoluteUrl(site, url)}">
<meta name="color-scheme" content="light dark">
<link rel="stylesheet" href="${href(site, "/assets/site.css")}">
${head}
</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
<header class="masthead">
  <a class="masthead__title" href="${href(site, "/")}">${site.title}</a>
  <p class="masthead__tagline">${site.description}</p>
</header>
<main id="main" tabindex="-1">
${body}
</main>
<footer class="site-footer">
  <p>© ${site.publisher.name}</p>
</footer>
</body>
</html>`}\n`;
}
