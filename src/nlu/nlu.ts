import type { Aspect, NluConfig } from '../content/nlu-data-schema.js';
import { AspectDetector, type AspectRule } from './aspect-detector.js';
import { IntentClassifier, rankLabels, DEFAULT_TRAINING, type TrainingOptions } from './classifier.js';
import { decide, type Decision, type ScoredIntent } from './decision.js';
import { extractFeatures } from './features.js';
import type { AbbreviationDictionary } from './normalize/abbreviations.js';
import { Normalizer, type NormalizedText } from './normalize/pipeline.js';
import { SpellingCorrector } from './spelling.js';

export interface NluTrainingData {
  readonly examples: readonly { readonly text: string; readonly intent: string }[];
  readonly abbreviations: AbbreviationDictionary;
  readonly aspects: readonly AspectRule[];
  /** Topic-free words (see AspectDetector.topicWords). */
  readonly followUpWords?: readonly string[];
  /** Extra words that belong to the vocabulary (titles, aspect cues) for spelling correction. */
  readonly vocabulary?: readonly string[];
}

export interface Analysis {
  readonly normalized: NormalizedText;
  readonly ranked: readonly ScoredIntent[];
  readonly aspect: Aspect;
  /** Words that are neither aspect cues nor topic-free filler: 0 for a pure follow-up. */
  readonly topicWords: number;
  readonly decision: Decision;
}

/**
 * Natural-language understanding: normalisation, intent ranking with calibrated scores,
 * aspect detection and the answer / clarify / fallback decision. Trained once at load time.
 */
export class Nlu {
  private constructor(
    private readonly normalizer: Normalizer,
    private readonly classifier: IntentClassifier,
    private readonly aspects: AspectDetector,
    readonly config: NluConfig,
  ) {}

  static train(data: NluTrainingData, config: NluConfig, options: TrainingOptions = DEFAULT_TRAINING): Nlu {
    const plain = new Normalizer(data.abbreviations);
    // Normalised once: the vocabulary comes from these, and the features from them once corrected.
    const examples = data.examples.map((e) => plain.normalize(e.text));
    const words: string[] = [];
    for (const e of examples) words.push(...e.folded);
    for (const extra of data.vocabulary ?? []) words.push(...plain.normalize(extra).folded);
    for (const rule of data.aspects) for (const p of rule.phrases) words.push(...plain.normalize(p).folded);
    const normalizer = plain.withCorrector(new SpellingCorrector(words));
    const classifier = IntentClassifier.train(
      data.examples.map((e, i) => ({ features: extractFeatures(normalizer.correct(examples[i]!)), label: e.intent })),
      options,
    );
    return new Nlu(normalizer, classifier, new AspectDetector(data.aspects, data.followUpWords), config);
  }

  withConfig(config: NluConfig): Nlu {
    return new Nlu(this.normalizer, this.classifier, this.aspects, config);
  }

  get intents(): readonly string[] {
    return this.classifier.labels;
  }

  analyze(text: string): Analysis {
    const normalized = this.normalizer.normalize(text);
    const ranked = this.rank(this.classifier.logits(extractFeatures(normalized)));
    const aspect = this.aspects.detect(normalized.folded);
    const topicWords = this.aspects.topicWords(normalized.folded);
    return { normalized, ranked, aspect, topicWords, decision: decide(ranked, this.config) };
  }

  /** Uncalibrated class scores, for cross-validation (which fits the temperature). */
  logits(text: string): Float64Array {
    return this.classifier.logits(extractFeatures(this.normalizer.normalize(text)));
  }

  rank(logits: Float64Array, temperature = this.config.temperature): ScoredIntent[] {
    return rankLabels(this.classifier.labels, logits, temperature);
  }
}
