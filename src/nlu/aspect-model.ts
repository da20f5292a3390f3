import type { Aspect } from '../content/nlu-data-schema.js';
import type { AspectDetector } from './aspect-detector.js';
import { IntentClassifier, rankLabels, type TrainingOptions } from './classifier.js';
import type { FeatureBag } from './features.js';

export interface ScoredAspect {
  readonly aspect: Aspect;
  readonly score: number;
}

/** How much the cue table's evidence weighs against the words (each text group is ≤ 1). */
const CUE_WEIGHT = 0.8;

/**
 * Which detail of a procedure is asked, learned: logistic regression over the message's features plus
 * the cue table's scores as features (`r:<aspect>`, squashed to 0…1), so a cue is evidence the model
 * weighs, not the decision. Trained on aspect-labelled examples of every procedure; its probabilities
 * are calibrated with a temperature fitted by cross-validation (`tune`).
 */
export class AspectModel {
  private constructor(
    private readonly classifier: IntentClassifier,
    private readonly cues: AspectDetector,
    readonly temperature: number,
  ) {}

  static train(
    rows: readonly { features: FeatureBag; folded: readonly string[]; aspect: Aspect }[],
    cues: AspectDetector,
    options: TrainingOptions,
    temperature = 1,
  ): AspectModel {
    const classifier = IntentClassifier.train(
      rows.map((r) => ({ features: withCues(r.features, cues, r.folded), label: r.aspect })),
      options,
    );
    return new AspectModel(classifier, cues, temperature);
  }

  withTemperature(temperature: number): AspectModel {
    return new AspectModel(this.classifier, this.cues, temperature);
  }

  logits(features: FeatureBag, folded: readonly string[]): Float64Array {
    return this.classifier.logits(withCues(features, this.cues, folded));
  }

  /** Every aspect with its calibrated probability, best first. */
  rank(features: FeatureBag, folded: readonly string[]): ScoredAspect[] {
    return this.rankLogits(this.logits(features, folded));
  }

  rankLogits(logits: Float64Array, temperature = this.temperature): ScoredAspect[] {
    return rankLabels(this.classifier.labels, logits, temperature).map((r) => ({ aspect: r.intent as Aspect, score: r.score }));
  }

  get labels(): readonly string[] {
    return this.classifier.labels;
  }
}

function withCues(features: FeatureBag, cues: AspectDetector, folded: readonly string[]): FeatureBag {
  const bag: FeatureBag = new Map(features);
  for (const [aspect, score] of cues.scores(folded)) bag.set('r:' + aspect, CUE_WEIGHT * Math.tanh(score / 2));
  return bag;
}
