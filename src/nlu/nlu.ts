import type { Aspect, NluConfig } from '../content/nlu-data-schema.js';
import { AspectDetector, type AspectRule } from './aspect-detector.js';
import { AspectModel, type ScoredAspect } from './aspect-model.js';
import { IntentClassifier, rankLabels, DEFAULT_TRAINING, type TrainingOptions } from './classifier.js';
import { decide, type Decision, type ScoredIntent } from './decision.js';
import { extractFeatures, type FeatureBag } from './features.js';
import type { AbbreviationDictionary } from './normalize/abbreviations.js';
import { Normalizer, type NormalizedText } from './normalize/pipeline.js';
import { GENERAL_PART, PartModel, type ScoredPart } from './part-model.js';
import { SpellingCorrector } from './spelling.js';

/** Examples of one answer unit: `part` is "g" (general answer), "c<n>" (case n) or "d<n>" (detail n). */
export interface UnitTrainingExamples {
  readonly intent: string;
  readonly aspect: Aspect;
  readonly part: string;
  readonly examples: readonly string[];
}

export interface NluTrainingData {
  readonly examples: readonly { readonly text: string; readonly intent: string }[];
  readonly abbreviations: AbbreviationDictionary;
  readonly aspects: readonly AspectRule[];
  /** Topic-free words (see AspectDetector.topicWords). */
  readonly followUpWords?: readonly string[];
  /** Extra words that belong to the vocabulary (titles, aspect cues) for spelling correction. */
  readonly vocabulary?: readonly string[];
  /** The answer units' own examples: they teach the intent, the aspect and the part. */
  readonly units?: readonly UnitTrainingExamples[];
  /** Intents asked about by aspect (procedures): their intent examples also teach the aspect model. */
  readonly procedureIntents?: readonly string[];
}

export interface Analysis {
  readonly normalized: NormalizedText;
  readonly ranked: readonly ScoredIntent[];
  /** The learned aspect (the best of `aspects`). */
  readonly aspect: Aspect;
  /** Every aspect with its calibrated probability, best first. */
  readonly aspects: readonly ScoredAspect[];
  /** What the cue table alone says (for explainability in `ask`). */
  readonly cueAspect: Aspect;
  /** Words that are neither aspect cues nor topic-free filler: 0 for a pure follow-up. */
  readonly topicWords: number;
  readonly decision: Decision;
  readonly features: FeatureBag;
}

/**
 * Natural-language understanding: normalisation, intent ranking with calibrated scores, the learned
 * aspect, the answer / clarify / fallback decision, and the second stage that picks the part of the
 * chosen intent's answer (`parts`). Trained once at load time.
 */
export class Nlu {
  private constructor(
    private readonly normalizer: Normalizer,
    private readonly classifier: IntentClassifier,
    private readonly cues: AspectDetector,
    private readonly aspectModel: AspectModel,
    private readonly partModel: PartModel,
    readonly config: NluConfig,
  ) {}

  static train(data: NluTrainingData, config: NluConfig, options: TrainingOptions = DEFAULT_TRAINING): Nlu {
    const plain = new Normalizer(data.abbreviations);
    const units = data.units ?? [];
    const unitRows = units.flatMap((u) => u.examples.map((text) => ({ text, unit: u })));
    const rows = [...data.examples, ...unitRows.map((r) => ({ text: r.text, intent: r.unit.intent }))];
    // Normalised once: the vocabulary comes from these, and the features from them once corrected.
    const examples = rows.map((e) => plain.normalize(e.text));
    const words: string[] = [];
    for (const e of examples) words.push(...e.folded);
    for (const extra of data.vocabulary ?? []) words.push(...plain.normalize(extra).folded);
    for (const rule of data.aspects) for (const p of rule.phrases) words.push(...plain.normalize(p).folded);
    const normalizer = plain.withCorrector(new SpellingCorrector(words));
    const features = examples.map((e) => extractFeatures(normalizer.correct(e)));
    // The intent stage learns from a unit's examples only where they name a case or a detail ("sổ gốc",
    // "người tố cáo"): a general aspect's examples repeat the procedure's own words with an aspect
    // phrase, and their number would only tilt the classes towards procedures.
    const unitOf = (i: number): UnitTrainingExamples | undefined => (i >= data.examples.length ? unitRows[i - data.examples.length]!.unit : undefined);
    const classifier = IntentClassifier.train(
      rows.flatMap((e, i) => (unitOf(i)?.part === GENERAL_PART ? [] : [{ features: features[i]!, label: e.intent }])),
      options,
    );
    const cues = new AspectDetector(data.aspects, data.followUpWords);

    // Aspect: every procedure example, labelled by the cue table (weak labels), plus the units' own
    // aspect-labelled examples, which carry the phrasings the cues miss.
    const procedures = new Set(data.procedureIntents ?? []);
    const aspectRows: { features: FeatureBag; folded: readonly string[]; aspect: Aspect }[] = [];
    const partRows: { intent: string; part: string; features: FeatureBag }[] = [];
    const partIntents = new Set(units.filter((u) => u.part !== GENERAL_PART && u.examples.length > 0).map((u) => u.intent));
    rows.forEach((row, i) => {
      const folded = examples[i]!.folded;
      const unit = unitOf(i);
      if (procedures.has(row.intent)) aspectRows.push({ features: features[i]!, folded, aspect: unit?.aspect ?? cues.detect(folded) });
      if (partIntents.has(row.intent)) partRows.push({ intent: row.intent, part: unit?.part ?? GENERAL_PART, features: features[i]! });
    });
    const aspectModel = AspectModel.train(aspectRows, cues, options, config.aspectTemperature ?? 1);
    const partModel = PartModel.train(partRows, options);
    return new Nlu(normalizer, classifier, cues, aspectModel, partModel, config);
  }

  withConfig(config: NluConfig): Nlu {
    const aspectModel = this.aspectModel.withTemperature(config.aspectTemperature ?? 1);
    return new Nlu(this.normalizer, this.classifier, this.cues, aspectModel, this.partModel, config);
  }

  get intents(): readonly string[] {
    return this.classifier.labels;
  }

  analyze(text: string): Analysis {
    const normalized = this.normalizer.normalize(text);
    const features = extractFeatures(normalized);
    const ranked = this.rank(this.classifier.logits(features));
    const aspects = this.aspectModel.rank(features, normalized.folded);
    const topicWords = this.cues.topicWords(normalized.folded);
    return {
      normalized,
      ranked,
      aspect: aspects[0]?.aspect ?? 'tong_quan',
      aspects,
      cueAspect: this.cues.detect(normalized.folded),
      topicWords,
      decision: decide(ranked, this.config),
      features,
    };
  }

  /**
   * The second stage: the parts of `intent`'s answer the message asks about, best first, among the
   * parts `allowed` (e.g. the cases that state the aspect asked); just the general part when the
   * intent has no parts.
   */
  parts(analysis: Analysis, intent: string, allowed?: (part: string) => boolean): ScoredPart[] {
    return this.partModel.rank(intent, analysis.features, allowed);
  }

  /** Uncalibrated class scores, for cross-validation (which fits the temperature). */
  logits(text: string): Float64Array {
    return this.classifier.logits(extractFeatures(this.normalizer.normalize(text)));
  }

  /** Uncalibrated aspect scores, for cross-validation. */
  aspectLogits(text: string): { labels: readonly string[]; logits: Float64Array } {
    const normalized = this.normalizer.normalize(text);
    return { labels: this.aspectModel.labels, logits: this.aspectModel.logits(extractFeatures(normalized), normalized.folded) };
  }

  rank(logits: Float64Array, temperature = this.config.temperature): ScoredIntent[] {
    return rankLabels(this.classifier.labels, logits, temperature);
  }
}
