import type { Aspect } from '../content/nlu-data-schema.js';
import type { Reply } from './reply.js';

/** A part of an answer behind a choice: a topic's n-th detail, a procedure case, or the full text. */
export type AnswerView =
  | { readonly kind: 'detail'; readonly index: number }
  | { readonly kind: 'case'; readonly index: number }
  | { readonly kind: 'full' };

/** A part of an intent's answer the second stage may choose: "c<n>" (case n) or "d<n>" (detail n). */
export interface AnswerPart {
  readonly key: string;
  readonly title: string;
}

/** The view that shows a part ("c2" → case 2, "d0" → detail 0); none for the general answer ("g"). */
export function partView(key: string): AnswerView | undefined {
  const m = /^([cd])(\d+)$/.exec(key);
  if (!m) return undefined;
  return { kind: m[1] === 'c' ? 'case' : 'detail', index: Number(m[2]) };
}

/** Renders what an intent answers; the engine decides which intent and aspect. */
export interface AnswerSource {
  /** Title shown on a choice button for this intent. */
  title(intent: string): string;
  isProcedure(intent: string): boolean;
  /** The answer, or one view of it; empty when there is no such answer or view. */
  answer(intent: string, aspect: Aspect, view?: AnswerView): Reply[];
  /** The parts of the answer that can stand alone for this aspect: the cases stating it, or a topic's details. */
  parts(intent: string, aspect: Aspect): readonly AnswerPart[];
}
