/**
 * `npm start` shows an edited article at once. A rebuild of the whole site
 * takes seconds at 10,000 seeds (the story step, grouping and fingerprints
 * run over every record), while the editor is looking at one page: so as
 * soon as a seed is saved, its article page is rendered from the seed and
 * the last build's site data (neighbours, story, tag names) and the browser
 * reloaded; the rebuild the change queued follows and writes everything it
 * touched, this page included (site-writer.ts `writtenBetweenBuilds`), or
 * removes it if the site no longer has it. Hugo's server does the like
 * ("fast render mode": https://gohugo.io/commands/hugo_server/).
 *
 * Only where the page can be right: a readable article file the walk would
 * list (not hidden, not a symlink, not too big), with no errors, published or
 * a draft (the preview shows both), at a URL no other article has, and, for
 * an article already on the site, dated as written or keeping the URL it had
 * (an undated article may have been dated from its story). A new undated
 * article is shown at its own date; should the rebuild date it from a story,
 * it moves there (and its early page goes). Anything else waits for the
 * rebuild.
 */
import { lstatSync, mkdirSync } from "node:fs";
import path from "node:path";
import { ingestBytes } from "../ingest.ts";
import { readSeedFile } from "../read/read.ts";
import { writeFileAtomically } from "../threads/write-atomically.mjs";
import { MAX_SEED_BYTES, isArticleFile, isInside, isPassedOver } from "../read/walk.ts";
import { lastPreviewBuild, writtenBetweenBuilds } from "../render/plugins/site-writer.ts";
import { newsroomOptions } from "../render/newsroom.ts";
import type { ArticleContext, Newsroom } from "../render/site-data.ts";
import { TERM_FIELDS, newTerm, termSlug, type Term, type TermKind } from "../render/taxonomy.ts";
import type { Article } from "../validate/schema.ts";
import { articlePage } from "../../_includes/article.ts";
import { outputFile } from "./paths.ts";

const WRITTEN_DATE = new Set(["front-matter", "inline"]);
/** What each seed was when last looked at: size, mtime, inode. */
const shown = new Map<string, string>();

/** The seed at `abs` (inside the seeds folder), rendered into the preview now; its URL, or undefined when it waits for the rebuild. */
export function previewNow(abs: string): { rel: string; url: string } | undefined {
  const last = lastPreviewBuild();
  const opts = newsroomOptions();
  const seedsDir = path.resolve(opts.seedsDir);
  const rel = path.relative(seedsDir, abs).split(path.sep).join("/");
  if (!last || !isInside(seedsDir, path.resolve(abs)) || !isArticleFile(rel)) return undefined;
  if (isPassedOver(rel)) return undefined;
  try {
    const st = lstatSync(abs);
    if (!st.isFile() || st.size > MAX_SEED_BYTES) return undefined;
    // One save is several events: the same bytes are shown once.
    const stamp = `${st.size}:${st.mtimeMs}:${st.ino}`;
    if (shown.get(rel) === stamp) return undefined;
    shown.set(rel, stamp);
    const seed = { abs, rel, size: st.size, mtimeMs: st.mtimeMs };
    const { article: fresh, entry } = ingestBytes(readSeedFile(abs, MAX_SEED_BYTES), seed, opts, new Map());
    if (!fresh || entry.status === "error" || (fresh.status !== "published" && !opts.drafts)) return undefined;
    const n = last.newsroom;
    const before = n.articles.find((a) => a.file === rel);
    // An article that moves without a written date may have been dated by its story: the rebuild will say where it goes.
    if (before && fresh.url !== before.url && !WRITTEN_DATE.has(fresh.sources.date ?? "")) return undefined;
    if (n.articles.some((a) => a.url === fresh.url && a.file !== rel)) return undefined;
    // What the story step found for it last time, until the rebuild runs it again.
    const a: Article = before ? { ...fresh, story: before.story, derivedFrom: before.derivedFrom } : fresh;
    const file = path.join(last.outDir, outputFile(a.url));
    mkdirSync(path.dirname(file), { recursive: true });
    // Renamed into place: the server never sends half a page, and a rebuild writing the same page meanwhile never mixes with it.
    writeFileAtomically(file, articlePage(a, withContext(n, a, before)));
    writtenBetweenBuilds(a.url);
    return { rel, url: a.url };
  } catch {
    return undefined; // half-written, vanished, unreadable: the rebuild reports it
  }
}

/** The last build's site data, with `a`'s own context: its terms as they are now, its old neighbours if it kept its place. */
function withContext(n: Newsroom, a: Article, before: Article | undefined): Newsroom {
  const old = before && before.url === a.url && before.date === a.date ? n.context.get(a.url) : undefined;
  const terms = (kind: TermKind): Term[] => {
    const slugs = new Set<string>();
    return TERM_FIELDS[kind](a).flatMap((name) => {
      const slug = termSlug(name);
      if (slugs.has(slug)) return [];
      slugs.add(slug);
      return n.taxonomies[kind].terms.find((t) => t.slug === slug) ?? newTerm(kind, slug, name);
    });
  };
  const ctx: ArticleContext = {
    newer: old?.newer,
    older: old?.older,
    tags: terms("tag"),
    categories: terms("category"),
    authors: terms("author"),
    image: a.image && n.images.get(a.image.src),
  };
  return { ...n, context: new Map(n.context).set(a.url, ctx) };
}
