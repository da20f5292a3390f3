import type { Aspect } from '../content/nlu-data-schema.js';
import type { ScoredIntent } from '../nlu/decision.js';
import type { Reply } from './reply.js';

export type TurnOutcome =
  | 'answered'
  | 'clarified'
  | 'fallback'
  | 'handover'
  | 'reset'
  | 'invalid'
  | 'held'
  | 'rated'
  | 'failed'
  /** The message was handled before (a redelivery after a crash): the stored replies are returned. */
  | 'duplicate';

/**
 * What happens in a conversation, stored append-only. Dialog state, the handover queue and
 * ratings are all derived from these events.
 */
export type ConversationEvent =
  /** The citizen wrote or tapped something. */
  | { readonly type: 'user_said'; readonly platformMessageId: string; readonly text?: string; readonly payload?: string }
  /** How the engine understood it (top intents kept for the staff inbox). */
  | {
      readonly type: 'understood';
      readonly outcome: TurnOutcome;
      readonly intent?: string;
      readonly aspect?: Aspect;
      readonly ranked: readonly ScoredIntent[];
    }
  /** What the bot answered (choices included). */
  | { readonly type: 'bot_replied'; readonly replies: readonly Reply[] }
  /** The citizen asked to start over. */
  | { readonly type: 'reset' }
  /** A one-time notice was given (e.g. about the abolished district level). */
  | { readonly type: 'notice_shown'; readonly notice: 'district' }
  /** The conversation waits for an officer. */
  | { readonly type: 'handover_opened'; readonly reason: 'requested' | 'unresolved' }
  /** An officer wrote to the citizen. */
  | { readonly type: 'officer_replied'; readonly officer: string; readonly text: string }
  /** The officer gave the conversation back to the bot. */
  | { readonly type: 'handover_released'; readonly officer: string }
  /** The citizen rated the answer given at event `answerSeq` (helpful or not). */
  | { readonly type: 'rated'; readonly answerSeq: number; readonly helpful: boolean; readonly question?: string; readonly intent?: string };

export interface StoredEvent {
  readonly conversationKey: string;
  readonly seq: number;
  readonly at: Date;
  readonly event: ConversationEvent;
}

export interface NewEvent {
  readonly at: Date;
  readonly event: ConversationEvent;
}
