import type { NormalizedText } from './normalize/pipeline.js';

/**
 * Turns a normalised message into sparse feature names with weights:
 * folded words and word pairs (diacritic-insensitive), accented words (extra evidence
 * when the citizen did type accents), and character 4-grams of folded words (robust to typos
 * and to word forms the examples never used). Each group is L2-normalised on its own so a
 * long message does not drown its keywords.
 */
export type FeatureBag = Map<string, number>;

const CHAR_N = [4] as const;
const MIN_GRAM_WORD = 4;

export function extractFeatures(text: NormalizedText): FeatureBag {
  const bag: FeatureBag = new Map();
  const words = new Map<string, number>();
  const pairs = new Map<string, number>();
  const accented = new Map<string, number>();
  const grams = new Map<string, number>();

  const folded = text.corrected;
  for (let i = 0; i < folded.length; i++) {
    const w = folded[i]!;
    add(words, 'w:' + w);
    if (i + 1 < folded.length) add(pairs, 'p:' + w + ' ' + folded[i + 1]!);
    const a = text.tokens[i];
    if (a !== undefined && a !== w) add(accented, 'a:' + a);
    // Short words' n-grams would only repeat the word itself.
    if (w.length < MIN_GRAM_WORD) continue;
    const padded = ' ' + w + ' ';
    for (const n of CHAR_N) {
      for (let j = 0; j + n <= padded.length; j++) add(grams, 'c:' + padded.slice(j, j + n));
    }
  }
  merge(bag, words, 1);
  merge(bag, pairs, 0.8);
  merge(bag, accented, 0.5);
  merge(bag, grams, 0.6);
  return bag;
}

function add(m: Map<string, number>, key: string): void {
  m.set(key, (m.get(key) ?? 0) + 1);
}

/** Sublinear term frequency, then L2 normalisation of the group, scaled by its weight. */
function merge(into: FeatureBag, group: Map<string, number>, weight: number): void {
  let norm = 0;
  for (const [k, v] of group) {
    const tf = 1 + Math.log(v);
    group.set(k, tf);
    norm += tf * tf;
  }
  if (norm === 0) return;
  const scale = weight / Math.sqrt(norm);
  for (const [k, v] of group) into.set(k, v * scale);
}
