import type { Aspect } from '../content/nlu-data-schema.js';
import { foldDiacritics } from './normalize/fold.js';

export interface AspectRule {
  readonly aspect: Exclude<Aspect, 'tong_quan'>;
  /** Shown to citizens on choice buttons ("Lệ phí", "Hồ sơ"…). */
  readonly title: string;
  readonly weight: number;
  readonly phrases: readonly string[];
}

/**
 * Finds which detail of a procedure is asked (papers, fee, time…) from cue phrases in data/aspects.yaml.
 * Matching is on folded words, so accents do not matter; each matched phrase scores its word count
 * times the aspect's weight, so "bao nhiêu tiền" outweighs a bare "thế nào". A cue near the end
 * counts up to three times one at the start: Vietnamese puts the question word last
 * ("nộp ở xã thì mấy ngày có?" asks about time). No cue → "tong_quan".
 */
export class AspectDetector {
  private readonly rules: { aspect: Exclude<Aspect, 'tong_quan'>; rank: number; phrases: { text: string; score: number }[] }[];

  private readonly fillers: ReadonlySet<string>;

  /** Every cue phrase as words, by its first word: a message is scanned once, not once per phrase. */
  private readonly cuesByFirstWord = new Map<string, string[][]>();

  constructor(rules: readonly AspectRule[], followUpWords: readonly string[] = []) {
    this.fillers = new Set(followUpWords.flatMap((w) => foldDiacritics(w.normalize('NFC').toLowerCase()).split(/\s+/)));
    this.rules = rules.map((r, rank) => ({
      aspect: r.aspect,
      rank,
      phrases: [...new Set(r.phrases.map((p) => foldDiacritics(p.normalize('NFC').toLowerCase()).trim()))].map((text) => ({
        text: ` ${text} `,
        score: text.split(/\s+/).length * r.weight,
      })),
    }));
    for (const rule of this.rules) {
      for (const p of rule.phrases) {
        const words = p.text.trim().split(' ');
        const first = words[0]!;
        this.cuesByFirstWord.set(first, [...(this.cuesByFirstWord.get(first) ?? []), words]);
      }
    }
  }

  /** `foldedWords` are the message's folded tokens. */
  detect(foldedWords: readonly string[]): Aspect {
    let best: Aspect = 'tong_quan';
    let bestScore = 0;
    for (const [aspect, score] of this.scores(foldedWords)) {
      if (score > bestScore) {
        best = aspect;
        bestScore = score;
      }
    }
    return best;
  }

  /** The cue score of every aspect with a matched cue, in rule order (the learned aspect model's features). */
  scores(foldedWords: readonly string[]): [Exclude<Aspect, 'tong_quan'>, number][] {
    const hay = ` ${foldedWords.join(' ')} `;
    const out: [Exclude<Aspect, 'tong_quan'>, number][] = [];
    for (const rule of this.rules) {
      let score = 0;
      for (const p of rule.phrases) {
        const at = hay.lastIndexOf(p.text);
        if (at >= 0) score += p.score * (0.5 + (at + p.text.length) / hay.length);
      }
      if (score > 0) out.push([rule.aspect, score]);
    }
    return out;
  }

  /**
   * How many words of the message are neither part of a matched cue phrase nor topic-free filler:
   * "thế lệ phí bao nhiêu" has none, "giá vàng hôm nay bao nhiêu" has several.
   */
  topicWords(foldedWords: readonly string[]): number {
    const covered = new Array<boolean>(foldedWords.length).fill(false);
    foldedWords.forEach((word, i) => {
      for (const words of this.cuesByFirstWord.get(word) ?? []) {
        if (i + words.length <= foldedWords.length && words.every((w, k) => foldedWords[i + k] === w)) covered.fill(true, i, i + words.length);
      }
    });
    return foldedWords.filter((w, i) => !covered[i] && !this.fillers.has(w)).length;
  }
}
