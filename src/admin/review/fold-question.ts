import { foldDiacritics } from '../../nlu/normalize/fold.js';
import { stripNoise } from '../../nlu/normalize/noise.js';
import { toNfcLower } from '../../nlu/normalize/unicode.js';

/**
 * The key that groups similar questions for review: lower case, noise stripped, accents folded,
 * punctuation and masking stars dropped, spaces collapsed. "Làm CCCD mất bao lâu?" and
 * "lam cccd mat bao lau" share one key.
 */
export function foldQuestion(maskedText: string): string {
  return foldDiacritics(stripNoise(toNfcLower(maskedText)))
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
