import type { NluConfig } from '../content/nlu-data-schema.js';
import { rankLabels } from './classifier.js';
import { decide, OUT_OF_SCOPE } from './decision.js';
import { Nlu, type NluTrainingData } from './nlu.js';

/** One held-out prediction: the true label and the model's logits over its own label set. */
export interface HeldOut {
  readonly label: string;
  readonly labels: readonly string[];
  readonly logits: Float64Array;
  /** "kfold": the label was trained on; "unseen": its whole intent was left out of training. */
  readonly kind: 'kfold' | 'unseen';
}

/**
 * Held-out predictions on the training examples only: stratified k-fold (how well known
 * intents are recognised) and leave-one-intent-out (what happens to questions about
 * something the bot was never taught — they must not get a confident answer).
 */
export function crossValidate(data: NluTrainingData, config: NluConfig, k = 5): HeldOut[] {
  const out = kFoldHeldOut(data, config, k);
  for (const intent of new Set(data.examples.map((e) => e.intent))) {
    if (intent === OUT_OF_SCOPE) continue;
    const units = data.units?.filter((u) => u.intent !== intent);
    const nlu = Nlu.train({ ...data, examples: data.examples.filter((e) => e.intent !== intent), ...(units ? { units } : {}) }, config);
    for (const e of data.examples) {
      if (e.intent === intent) out.push({ label: intent, labels: nlu.intents, logits: nlu.logits(e.text), kind: 'unseen' });
    }
  }
  return out;
}

/** The stratified k-fold half of `crossValidate` alone: each example predicted by a model trained without it. */
export function kFoldHeldOut(data: NluTrainingData, config: NluConfig, k: number): HeldOut[] {
  const out: HeldOut[] = [];
  const counters = new Map<string, number>();
  const fold = data.examples.map((e) => {
    const n = counters.get(e.intent) ?? 0;
    counters.set(e.intent, n + 1);
    return (n * 7 + hash(e.text)) % k;
  });
  for (let f = 0; f < k; f++) {
    const nlu = Nlu.train({ ...data, examples: data.examples.filter((_, i) => fold[i] !== f) }, config);
    data.examples.forEach((e, i) => {
      if (fold[i] === f) out.push({ label: e.intent, labels: nlu.intents, logits: nlu.logits(e.text), kind: 'kfold' });
    });
  }
  return out;
}

/** Temperature that minimises the negative log-likelihood of the k-fold predictions. */
export function fitTemperature(heldOut: readonly HeldOut[]): number {
  const rows = heldOut.filter((h) => h.kind === 'kfold');
  let best = 1;
  let bestLoss = Infinity;
  for (let t = 0.2; t <= 4.0001; t += 0.05) {
    let loss = 0;
    for (const h of rows) {
      const y = h.labels.indexOf(h.label);
      let max = -Infinity;
      for (const v of h.logits) max = Math.max(max, v / t);
      let sum = 0;
      for (const v of h.logits) sum += Math.exp(v / t - max);
      loss -= h.logits[y]! / t - max - Math.log(sum);
    }
    if (loss < bestLoss) {
      bestLoss = loss;
      best = Math.round(t * 100) / 100;
    }
  }
  return best;
}

export interface TuningResult {
  readonly config: NluConfig;
  readonly utility: number;
  /** Shares on the held-out predictions with the chosen config. */
  readonly knownAnsweredRight: number;
  readonly knownAnsweredWrong: number;
  readonly outOfScopeRefused: number;
  readonly unseenRefused: number;
}

/** Assumed share of real traffic that is out of scope or about something never taught. */
const OUT_OF_SCOPE_SHARE = 0.15;
/** A wrong answer costs this many right ones: a wrong fee sends a citizen to the wrong office. */
const WRONG_ANSWER_COST = 1;

/**
 * Grid search of threshold and margin maximising the expected value of a reply:
 * on known intents (k-fold) a right answer is +1, a wrong one −WRONG_ANSWER_COST, a clarification 0;
 * on out-of-scope examples and on unseen intents (leave-one-intent-out), refusing is +1 and answering −1.
 * Each group is averaged on its own and mixed by OUT_OF_SCOPE_SHARE, so group sizes do not matter.
 */
export function tuneThresholds(heldOut: readonly HeldOut[], base: NluConfig): TuningResult {
  const temperature = fitTemperature(heldOut);
  const rows = heldOut.map((h) => ({
    group: h.kind === 'unseen' ? ('unseen' as const) : h.label === OUT_OF_SCOPE ? ('oos' as const) : ('known' as const),
    label: h.label,
    ranked: rankLabels(h.labels, h.logits, temperature),
  }));
  let best: TuningResult | undefined;
  for (let threshold = 0.2; threshold <= 0.9001; threshold += 0.025) {
    for (let margin = 0; margin <= 0.5001; margin += 0.025) {
      const config = { ...base, temperature, threshold: round(threshold), margin: round(margin) };
      const n = { known: 0, right: 0, wrong: 0, oos: 0, oosRefused: 0, unseen: 0, unseenRefused: 0 };
      for (const r of rows) {
        const d = decide(r.ranked, config);
        const answered = d.kind === 'answer' ? d.intent : undefined;
        if (r.group === 'known') {
          n.known++;
          if (answered === r.label) n.right++;
          else if (answered) n.wrong++;
        } else if (r.group === 'oos') {
          n.oos++;
          if (!answered) n.oosRefused++;
        } else {
          n.unseen++;
          if (!answered) n.unseenRefused++;
        }
      }
      const known = (n.right - WRONG_ANSWER_COST * n.wrong) / Math.max(1, n.known);
      const refuse = (k: number, total: number): number => (total === 0 ? 0 : (2 * k - total) / total);
      const utility =
        (1 - OUT_OF_SCOPE_SHARE) * known +
        OUT_OF_SCOPE_SHARE * (0.5 * refuse(n.oosRefused, n.oos) + 0.5 * refuse(n.unseenRefused, n.unseen));
      if (!best || utility > best.utility) {
        best = {
          config,
          utility: round(utility),
          knownAnsweredRight: round(n.right / Math.max(1, n.known)),
          knownAnsweredWrong: round(n.wrong / Math.max(1, n.known)),
          outOfScopeRefused: round(n.oosRefused / Math.max(1, n.oos)),
          unseenRefused: round(n.unseenRefused / Math.max(1, n.unseen)),
        };
      }
    }
  }
  return best!;
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

/** Held-out figures of the second stage, on the answer units' own examples. */
export interface UnitCrossValidation {
  /** Procedure unit examples: the learned aspect against the unit's aspect; and the cue table alone. */
  readonly aspect: { readonly n: number; readonly accuracy: number; readonly cueAccuracy: number; readonly temperature: number };
  /** Examples of intents whose answer has parts (cases, details): the part chosen against the unit's. */
  readonly part: { readonly n: number; readonly accuracy: number };
}

/**
 * k-fold over the unit examples: each is predicted by models trained without it (intent examples
 * always train). Fits the aspect model's temperature on the held-out aspect scores.
 */
export function crossValidateUnits(data: NluTrainingData, config: NluConfig, k = 5): UnitCrossValidation {
  const units = data.units ?? [];
  const procedures = new Set(data.procedureIntents ?? []);
  const rows = units.flatMap((u) => u.examples.map((text, j) => ({ text, unit: u, fold: (j * 7 + hash(text)) % k })));
  const partIntents = new Set(units.filter((u) => u.part !== 'g' && u.examples.length > 0).map((u) => u.intent));
  const aspects: HeldOut[] = [];
  let cueRight = 0;
  let partN = 0;
  let partRight = 0;
  for (let f = 0; f < k; f++) {
    const trainUnits = units.map((u) => ({ ...u, examples: u.examples.filter((text, j) => (j * 7 + hash(text)) % k !== f) }));
    const nlu = Nlu.train({ ...data, units: trainUnits }, config);
    for (const r of rows.filter((r) => r.fold === f)) {
      const analysis = nlu.analyze(r.text);
      if (procedures.has(r.unit.intent)) {
        const { labels, logits } = nlu.aspectLogits(r.text);
        aspects.push({ label: r.unit.aspect, labels, logits, kind: 'kfold' });
        if (analysis.cueAspect === r.unit.aspect) cueRight++;
      }
      if (partIntents.has(r.unit.intent)) {
        partN++;
        if (nlu.parts(analysis, r.unit.intent)[0]?.part === r.unit.part) partRight++;
      }
    }
  }
  const argmaxRight = aspects.filter((h) => h.labels[h.logits.indexOf(Math.max(...h.logits))] === h.label).length;
  return {
    aspect: {
      n: aspects.length,
      accuracy: round(argmaxRight / Math.max(1, aspects.length)),
      cueAccuracy: round(cueRight / Math.max(1, aspects.length)),
      temperature: fitTemperature(aspects.filter((h) => h.labels.includes(h.label))),
    },
    part: { n: partN, accuracy: round(partRight / Math.max(1, partN)) },
  };
}
