import type { DialogAct } from '../../content/follow-ups-schema.js';
import { IntentClassifier, rankLabels, type TrainingOptions } from '../../nlu/classifier.js';
import type { Analysis, Nlu } from '../../nlu/nlu.js';
import type { ContextPair } from './context-pairs.js';
import type { DialogContext } from './dialog-context.js';
import { dialogFeatures } from './dialog-features.js';

/** Few features and four classes: more epochs than the intent classifier, still a few milliseconds. */
export const DIALOG_TRAINING: TrainingOptions = { epochs: 30, learningRate: 0.1, l2: 1e-5, seed: 5, minGradient: 1e-3 };

export interface ActScore {
  readonly act: DialogAct;
  readonly score: number;
}

/**
 * The dialog model: given a message (as the NLU read it) and the conversation's context, decides
 * whether it continues the procedure under discussion, switches to another one keeping the aspect,
 * is a new question, or is out of scope. Multinomial logistic regression over dialogFeatures,
 * trained at start-up from generated context pairs and the team's dialogs.
 */
export class DialogModel {
  private constructor(
    private readonly classifier: IntentClassifier,
    private readonly isProcedure: (intent: string) => boolean,
  ) {}

  static train(
    pairs: readonly ContextPair[],
    nlu: Pick<Nlu, 'analyze'>,
    isProcedure: (intent: string) => boolean,
    options: TrainingOptions = DIALOG_TRAINING,
  ): DialogModel {
    const analyses = new Map<string, Analysis>();
    const analyze = (text: string): Analysis => {
      let a = analyses.get(text);
      if (!a) analyses.set(text, (a = nlu.analyze(text)));
      return a;
    };
    const rows = pairs.map((p) => ({ features: dialogFeatures(analyze(p.text), p.context, isProcedure), label: p.act }));
    return new DialogModel(IntentClassifier.train(rows, options), isProcedure);
  }

  /** The acts ranked by probability for this message in this context. */
  rank(analysis: Analysis, context: DialogContext): ActScore[] {
    const logits = this.classifier.logits(dialogFeatures(analysis, context, this.isProcedure));
    return rankLabels(this.classifier.labels, logits, 1).map((r) => ({ act: r.intent as DialogAct, score: r.score }));
  }

  decide(analysis: Analysis, context: DialogContext): DialogAct {
    return this.rank(analysis, context)[0]?.act ?? 'new';
  }
}
