import { AbbreviationDictionary } from './abbreviations.js';
import { foldDiacritics } from './fold.js';
import { stripNoise } from './noise.js';
import { unifyTonePlacement } from './tone-placement.js';
import { tokenize } from './tokenize.js';
import { toNfcLower } from './unicode.js';
import type { SpellingCorrector } from '../spelling.js';

/** A message after every normalisation stage, in its accented and its folded form. */
export interface NormalizedText {
  /** NFC, lower case, unified tone placement, noise removed; still accented. */
  readonly clean: string;
  /** Tokens of `clean` with abbreviations expanded (accented). */
  readonly tokens: readonly string[];
  /** The same tokens folded to ASCII letters. */
  readonly folded: readonly string[];
  /** `folded` with unknown unaccented words spelling-corrected (for the classifier). */
  readonly corrected: readonly string[];
}

/** Runs the stages in order: unicode → tone placement → noise → tokens → abbreviations → fold → spelling. */
export class Normalizer {
  constructor(
    private readonly abbreviations: AbbreviationDictionary,
    private readonly corrector?: SpellingCorrector,
  ) {}

  withCorrector(corrector: SpellingCorrector): Normalizer {
    return new Normalizer(this.abbreviations, corrector);
  }

  clean(text: string): string {
    return stripNoise(unifyTonePlacement(toNfcLower(text)));
  }

  normalize(text: string): NormalizedText {
    const clean = this.clean(text);
    const tokens = this.abbreviations.expand(tokenize(clean));
    const folded = tokens.map(foldDiacritics);
    return this.correct({ clean, tokens, folded, corrected: folded });
  }

  /** Spelling correction alone, for a text another normaliser (without corrector) already did the rest of. */
  correct(text: NormalizedText): NormalizedText {
    const corrector = this.corrector;
    if (!corrector) return text;
    // A word typed with accents was typed with care: only unaccented words are corrected.
    return { ...text, corrected: text.folded.map((f, i) => (f === text.tokens[i] ? corrector.correct(f) : f)) };
  }
}
