import type { Aspect } from '../content/nlu-data-schema.js';
import type { Reply } from './reply.js';

/** Renders what an intent answers; the engine decides which intent and aspect. */
export interface AnswerSource {
  /** Title shown on a choice button for this intent. */
  title(intent: string): string;
  isProcedure(intent: string): boolean;
  answer(intent: string, aspect: Aspect): Reply[];
  /** One of the further details an answer offered (by position). */
  detail(intent: string, index: number): Reply[];
}
