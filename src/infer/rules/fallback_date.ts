/**
 * No date written: take one that stays the same from build to build, in this
 * order: a `YYYY-MM-DD` file-name prefix, the file's first git commit, its
 * modification time. Always flagged, since the editor should write one. In a
 * shallow clone a seed older than its history has no first commit to go by
 * (src/read/git-dates.ts): its modification time is the checkout's, so the
 * message says how to build with the whole history.
 * (The story stage may later replace it with the story's date: it knows better.)
 */
import { DateTime } from "luxon";
import { BEFORE_SHALLOW_HISTORY, WHOLE_HISTORY_HINT } from "../../read/git-dates.ts";
import { warning } from "../../report/messages.ts";
import type { InferRule } from "../state.ts";

const NAME_DATE = /^(\d{4}-\d{2}-\d{2})(?=[-_. ]|$)/;

export const fallbackDate: InferRule = (state) => {
  if (state.candidate.date) return;
  const { context } = state;
  const name = context.rel.split("/").pop() ?? context.rel;
  // Git and mtime are asked for only when needed: the ingest cache records
  // which of them a record depends on (a touched file keeps its cache entry).
  const fromName = NAME_DATE.exec(name)?.[1];
  const git = fromName ? undefined : context.gitDates.get(context.rel);
  const beforeHistory = git === BEFORE_SHALLOW_HISTORY;
  const fromGit = beforeHistory ? undefined : git;
  const [value, source, how] = fromName
    ? [fromName, "filename", "the file name"]
    : fromGit
      ? [fromGit, "git", "the file's first git commit"]
      : [DateTime.fromMillis(context.mtimeMs, { zone: "utc" }).toISO({ suppressMilliseconds: true }) ?? "", "mtime", "the file's modification time"];
  state.candidate.date = { value, source: source as "filename" | "git" | "mtime" };
  const message =
    beforeHistory
      ? `no date written, and its first git commit is older than this shallow clone's history; used ${how} (${value.slice(0, 10)}). Add a "date:" line to the front matter, or ${WHOLE_HISTORY_HINT}`
      : `no date written; used ${how} (${value.slice(0, 10)}). Add a "date:" line to the front matter`;
  state.messages.push(warning(message, { field: "date" }));
};
