import type { Aspect } from '../content/nlu-data-schema.js';
import type { Choice } from './reply.js';

/** What the engine remembers of a conversation between two messages. */
export interface ConversationState {
  /** The procedure being discussed, for follow-ups that name only an aspect. */
  readonly procedure?: string;
  readonly aspect?: Aspect;
  /** Choices shown in the last reply, answerable by number or by title. */
  readonly offered?: readonly Choice[];
  /** The note about the abolished district level was already given. */
  readonly districtNoticeShown?: boolean;
  /** Consecutive messages the bot could not answer. */
  readonly failures: number;
  readonly updatedAt: Date;
}

export const EMPTY_STATE: ConversationState = { failures: 0, updatedAt: new Date(0) };

/** Where conversation state lives; the engine needs nothing more than this. */
export interface ConversationStateStore {
  load(conversationKey: string): Promise<ConversationState | undefined>;
  save(conversationKey: string, state: ConversationState): Promise<void>;
}

/** In-process store for the console, tests and single-process use. */
export class MemoryStateStore implements ConversationStateStore {
  private readonly states = new Map<string, ConversationState>();
  async load(key: string): Promise<ConversationState | undefined> {
    return this.states.get(key);
  }
  async save(key: string, state: ConversationState): Promise<void> {
    this.states.set(key, state);
  }
}
