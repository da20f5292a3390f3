import { DIALOG_ACTS, type DialogAct } from '../../content/follow-ups-schema.js';
import type { Nlu } from '../../nlu/nlu.js';
import type { ContextPair } from './context-pairs.js';
import { DialogModel } from './dialog-model.js';

export interface DialogCrossValidation {
  readonly folds: number;
  readonly n: number;
  readonly accuracy: number;
  /** Per act: held-out pairs of that act, and the share decided right (recall). */
  readonly byAct: Record<DialogAct, { n: number; recall: number }>;
  /** The team-written dialogs' turns alone (pairs whose group starts with "d"). */
  readonly dialogs: { n: number; accuracy: number };
}

/**
 * k-fold cross-validation of the dialog model on its own training pairs, split by group so that a
 * phrase and its unaccented twin, or the turns of one pair template, never sit on both sides.
 */
export function crossValidateDialogModel(pairs: readonly ContextPair[], nlu: Pick<Nlu, 'analyze'>, isProcedure: (intent: string) => boolean, folds = 5): DialogCrossValidation {
  const groups = [...new Set(pairs.map((p) => p.group))];
  const foldOf = new Map(groups.map((g, i) => [g, hash(g) % folds]));
  const results: { pair: ContextPair; right: boolean }[] = [];
  for (let k = 0; k < folds; k++) {
    const train = pairs.filter((p) => foldOf.get(p.group) !== k);
    const test = pairs.filter((p) => foldOf.get(p.group) === k);
    const model = DialogModel.train(train, nlu, isProcedure);
    for (const pair of test) results.push({ pair, right: model.decide(nlu.analyze(pair.text), pair.context) === pair.act });
  }
  const share = (rs: readonly { right: boolean }[]): number => (rs.length === 0 ? 0 : round(rs.filter((r) => r.right).length / rs.length));
  const byAct = Object.fromEntries(
    DIALOG_ACTS.map((act) => {
      const of = results.filter((r) => r.pair.act === act);
      return [act, { n: of.length, recall: share(of) }];
    }),
  ) as DialogCrossValidation['byAct'];
  const written = results.filter((r) => r.pair.group.startsWith('d'));
  return { folds, n: results.length, accuracy: share(results), byAct, dialogs: { n: written.length, accuracy: share(written) } };
}

const round = (x: number): number => Math.round(x * 10_000) / 10_000;

/** A stable string hash (FNV-1a), so folds do not depend on insertion order. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}
