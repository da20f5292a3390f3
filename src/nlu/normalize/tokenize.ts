/**
 * Splits normalised text into tokens. A run of letters/digits joined by ".", "-", "/" or "_"
 * stays one token, so application codes, dates and ID numbers survive intact.
 */
const TOKEN = /[\p{L}\p{M}\p{N}]+(?:[.\-/_][\p{L}\p{M}\p{N}]+)*/gu;

export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}
