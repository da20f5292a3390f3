import type { Aspect } from './nlu-data-schema.js';
import type { AnswerSource } from '../engine/answer-source.js';
import { textReply, type Reply } from '../engine/reply.js';
import type { IntentDefinition } from './intent-schema.js';

/** Answers straight from the intent files' `answer.text`. */
export class IntentAnswerSource implements AnswerSource {
  private readonly byId: ReadonlyMap<string, IntentDefinition>;

  constructor(intents: readonly IntentDefinition[]) {
    this.byId = new Map(intents.map((i) => [i.id, i]));
  }

  title(intent: string): string {
    return this.byId.get(intent)?.title ?? intent;
  }

  isProcedure(intent: string): boolean {
    return intent.startsWith('thu_tuc.');
  }

  answer(intent: string, _aspect: Aspect): Reply[] {
    const def = this.byId.get(intent);
    if (!def) return [];
    const ref = def.answer;
    return [textReply('text' in ref ? ref.text : def.description)];
  }
}
