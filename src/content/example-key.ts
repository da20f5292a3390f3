import { foldDiacritics } from '../nlu/normalize/fold.js';

/**
 * What makes two training examples the same example, for "an example belongs to one intent":
 * compared without case and accents, spaces collapsed ("Chỉ số PAPI" = "chi so  papi").
 */
export const exampleKey = (text: string): string => foldDiacritics(text.normalize('NFC').toLowerCase()).replace(/\s+/g, ' ').trim();
