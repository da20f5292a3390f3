import { IntentClassifier, rankLabels, type TrainingOptions } from './classifier.js';
import type { FeatureBag } from './features.js';

/** The general answer of an intent; other parts are `c<n>` (procedure case n) and `d<n>` (topic detail n). */
export const GENERAL_PART = 'g';

export interface ScoredPart {
  readonly part: string;
  readonly score: number;
}

/**
 * The second stage inside one intent: which part of its answer is asked — the general answer, one
 * procedure case ("cấp bản sao từ sổ gốc"), or one topic detail ("đơn khiếu nại ghi gì"). One small
 * logistic regression per intent that has parts, trained on that intent's unit examples, so training
 * costs the sum of the intents' sizes, not their product.
 */
export class PartModel {
  private constructor(private readonly byIntent: ReadonlyMap<string, IntentClassifier>) {}

  static train(rows: readonly { intent: string; part: string; features: FeatureBag }[], options: TrainingOptions): PartModel {
    const grouped = new Map<string, { features: FeatureBag; label: string }[]>();
    for (const r of rows) {
      const list = grouped.get(r.intent) ?? [];
      list.push({ features: r.features, label: r.part });
      grouped.set(r.intent, list);
    }
    const byIntent = new Map<string, IntentClassifier>();
    for (const [intent, list] of grouped) {
      // An intent whose examples name one part only has nothing to choose.
      if (new Set(list.map((l) => l.label)).size > 1) byIntent.set(intent, IntentClassifier.train(list, options));
    }
    return new PartModel(byIntent);
  }

  /** The parts of `intent` among `allowed` with probabilities renormalised over them, best first. */
  rank(intent: string, features: FeatureBag, allowed?: (part: string) => boolean): ScoredPart[] {
    const classifier = this.byIntent.get(intent);
    if (!classifier) return [{ part: GENERAL_PART, score: 1 }];
    const ranked = rankLabels(classifier.labels, classifier.logits(features), 1).filter((r) => r.intent === GENERAL_PART || !allowed || allowed(r.intent));
    const total = ranked.reduce((s, r) => s + r.score, 0);
    return ranked.map((r) => ({ part: r.intent, score: total > 0 ? r.score / total : 0 }));
  }

  hasParts(intent: string): boolean {
    return this.byIntent.has(intent);
  }
}
