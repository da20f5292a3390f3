import { DamerauLevenshteinDistance } from 'natural/lib/natural/distance/levenshtein_distance.js';

/**
 * Corrects unknown words against the content's own vocabulary (folded forms).
 * Candidates come from a delete-one index (the SymSpell idea), so a lookup costs a few
 * map reads instead of a scan of the vocabulary; the final check is a true
 * Damerau-Levenshtein distance from `natural`. Short words are never corrected: most
 * two- and three-letter strings are valid Vietnamese syllables.
 */
export class SpellingCorrector {
  private readonly frequency = new Map<string, number>();
  private readonly deletes = new Map<string, string[]>();
  /** The longest known word's length: a longer word by more than one letter has no candidate. */
  private readonly longest: number = 0;

  constructor(
    words: Iterable<string>,
    private readonly minLength = 4,
  ) {
    for (const w of words) this.frequency.set(w, (this.frequency.get(w) ?? 0) + 1);
    for (const w of this.frequency.keys()) {
      this.longest = Math.max(this.longest, w.length);
      if (w.length < this.minLength - 1) continue;
      for (const d of deletesOf(w)) {
        const list = this.deletes.get(d);
        if (list) list.push(w);
        else this.deletes.set(d, [w]);
      }
    }
  }

  has(word: string): boolean {
    return this.frequency.has(word);
  }

  /** The known word closest to `word` (distance 1), or `word` itself. */
  correct(word: string): string {
    // The length check first: the deletes of a word are quadratic in its length (a token without spaces).
    if (word.length < this.minLength || word.length > this.longest + 1 || this.frequency.has(word) || /\d/.test(word)) return word;
    const candidates = new Set<string>();
    for (const w of this.deletes.get(word) ?? []) candidates.add(w); // word lacks a letter
    for (const d of deletesOf(word)) {
      if (this.frequency.has(d)) candidates.add(d); // word has an extra letter
      for (const w of this.deletes.get(d) ?? []) candidates.add(w); // substitution / swap
    }
    let best = word;
    let bestFrequency = 0;
    for (const c of candidates) {
      if (DamerauLevenshteinDistance(word, c, { restricted: true }) !== 1) continue;
      const f = this.frequency.get(c) ?? 0;
      if (f > bestFrequency || (f === bestFrequency && c < best)) {
        best = c;
        bestFrequency = f;
      }
    }
    return best;
  }
}

function deletesOf(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}
