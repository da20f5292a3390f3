import type { Aspect } from '../content/nlu-data-schema.js';
import type { Reply } from './reply.js';

/** A part of an answer behind a choice: a topic's n-th detail, a procedure case, or the full text. */
export type AnswerView =
  | { readonly kind: 'detail'; readonly index: number }
  | { readonly kind: 'case'; readonly index: number }
  | { readonly kind: 'full' };

/** Renders what an intent answers; the engine decides which intent and aspect. */
export interface AnswerSource {
  /** Title shown on a choice button for this intent. */
  title(intent: string): string;
  isProcedure(intent: string): boolean;
  /** The answer, or one view of it; empty when there is no such answer or view. */
  answer(intent: string, aspect: Aspect, view?: AnswerView): Reply[];
}
