import { foldDiacritics } from './fold.js';

/**
 * Expands chat abbreviations and teencode ("ko" → "không", "bn" → "bao nhiêu") from a
 * staff-editable dictionary. Keys are matched on the token as typed and on its folded form,
 * so "đc" and "dc" need one entry.
 */
export class AbbreviationDictionary {
  private readonly entries = new Map<string, string[]>();

  constructor(map: Record<string, string>) {
    for (const [key, expansion] of Object.entries(map)) {
      const tokens = expansion.normalize('NFC').toLowerCase().split(/\s+/).filter(Boolean);
      const k = key.normalize('NFC').toLowerCase();
      this.entries.set(k, tokens);
      const folded = foldDiacritics(k);
      if (!this.entries.has(folded)) this.entries.set(folded, tokens);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  expand(tokens: readonly string[]): string[] {
    const out: string[] = [];
    for (const token of tokens) {
      const hit = this.entries.get(token) ?? this.entries.get(foldDiacritics(token));
      if (hit) out.push(...hit);
      else out.push(token);
    }
    return out;
  }
}
