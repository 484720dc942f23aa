/**
 * Article URLs are built only from the date and a slug, never from text an
 * editor wrote as a path (`src/publish/paths.ts` checks them again on output).
 */
export const articleUrl = (day: string, slug: string) => `/${day.replaceAll("-", "/")}/${slug}/`;
