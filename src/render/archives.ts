/**
 * Date archives: /YYYY/, /YYYY/MM/ and /YYYY/MM/DD/, built in one pass over
 * the articles (already newest first, so every year, month and day is one
 * contiguous run).
 */
import type { Article } from "../validate/schema.ts";

export interface ArchiveDay {
  /** YYYY-MM-DD in the site zone. */
  day: string;
  url: string;
  articles: Article[];
}

export interface ArchiveMonth {
  /** YYYY-MM. */
  month: string;
  url: string;
  days: ArchiveDay[];
  articles: Article[];
}

export interface ArchiveYear {
  year: string;
  url: string;
  months: ArchiveMonth[];
  count: number;
}

export const yearUrl = (year: string) => `/${year}/`;
export const monthUrl = (month: string) => `/${month.replace("-", "/")}/`;
export const dayUrl = (day: string) => `/${day.replaceAll("-", "/")}/`;

export function archives(articles: readonly Article[]): ArchiveYear[] {
  const years: ArchiveYear[] = [];
  for (const a of articles) {
    const year = a.day.slice(0, 4);
    const month = a.day.slice(0, 7);
    let y = years.at(-1);
    if (y?.year !== year) years.push((y = { year, url: yearUrl(year), months: [], count: 0 }));
    let m = y.months.at(-1);
    if (m?.month !== month) y.months.push((m = { month, url: monthUrl(month), days: [], articles: [] }));
    let d = m.days.at(-1);
    if (d?.day !== a.day) m.days.push((d = { day: a.day, url: dayUrl(a.day), articles: [] }));
    y.count++;
    m.articles.push(a);
    d.articles.push(a);
  }
  return years;
}
