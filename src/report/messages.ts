/**
 * What the pipeline tells an editor about one file. Every stage appends to the
 * same list, so `npm run check` can show everything that was guessed or wrong.
 */
export type Level = "error" | "warning" | "info";

export interface Message {
  level: Level;
  /** The Article field the message is about (`title`, `date`, …), if any. */
  field?: string;
  /** 1-based line in the seed file, if the problem has one. */
  line?: number;
  message: string;
}

export const error = (message: string, extra: Omit<Message, "level" | "message"> = {}): Message => ({
  level: "error",
  message,
  ...extra,
});

export const warning = (message: string, extra: Omit<Message, "level" | "message"> = {}): Message => ({
  level: "warning",
  message,
  ...extra,
});

export const info = (message: string, extra: Omit<Message, "level" | "message"> = {}): Message => ({
  level: "info",
  message,
  ...extra,
});
