/**
 * Splits normalised text into tokens. A run of letters/digits joined by ".", "-", "/" or "_"
 * stays one token, so application codes, dates and ID numbers survive intact.
 */
const TOKEN = /[\p{L}\p{M}\p{N}]+(?:[.\-/_][\p{L}\p{M}\p{N}]+)*/gu;

export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** Sentence split used for long messages; question marks and line breaks end a sentence too. */
export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?…])\s+|\n+/u)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
