/**
 * Removes chat noise while keeping what carries meaning: emoji and pictographs go,
 * letters stretched for emphasis ("đượcccc", "ạaaa") are shortened, runs of punctuation collapse.
 * Digits and the separators inside codes ("000.12.34.H56-250910-0012") are kept for the tokenizer.
 */
const EMOJI = /[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\u{FE0F}\u{200D}\u{20E3}]/gu;
// Vietnamese never repeats a letter three times, so 3+ repeats are emphasis — in a word with a
// vowel: a word of consonants only is an abbreviation ("cccd" = căn cước công dân), kept whole.
const STRETCHED = /(\p{L}\p{M}*)\1{2,}/gu;
const VOWEL = /[aeiouy]/;
const unstretch = (word: string): string => (VOWEL.test(word.normalize('NFD')) ? word.replace(STRETCHED, '$1') : word);
const EMOTICON = /(?:^|\s)(?:[:;=xX]-?[)(DPpOo3/\\|]+|<3|\^\^|=\)+)(?=\s|$)/g;

export function stripNoise(text: string): string {
  return text
    .replace(EMOJI, ' ')
    .replace(EMOTICON, ' ')
    .replace(/\S+/g, unstretch)
    .replace(/([!?.,])\1+/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}
