import type { Aspect } from '../content/nlu-data-schema.js';
import type { StoredEvent } from './conversation-events.js';
import type { Choice } from './reply.js';

/** What the engine knows of a conversation before a turn; derived from its events, never stored. */
export interface DialogState {
  /** The procedure being discussed, for follow-ups that name only an aspect. */
  readonly procedure?: string;
  readonly aspect?: Aspect;
  /** The last intent answered, procedure or not. */
  readonly lastIntent?: string;
  /** Citizen messages since the procedure was last answered. */
  readonly messagesSinceProcedure: number;
  /** Choices shown in the last reply, answerable by number or by title. */
  readonly offered?: readonly Choice[];
  /** Consecutive messages the bot could not answer. */
  readonly failures: number;
  /** The note about the abolished district level was already given. */
  readonly districtNoticeShown: boolean;
  /** An officer holds the conversation: the bot stays silent. */
  readonly held: boolean;
  /** The last answer that can be rated: its event seq and the question that led to it. */
  readonly lastAnswer?: { readonly seq: number; readonly question?: string; readonly intent?: string };
}

const EMPTY_CONTEXT = { failures: 0, messagesSinceProcedure: 0, districtNoticeShown: false } as const;

/**
 * Folds a conversation's events into its dialog state. Context (procedure, choices, failures,
 * notices) is forgotten after `ttlMs` of silence and on "bắt đầu lại"; a handover lasts until
 * an officer releases it, however long that takes.
 */
export function reduceDialogState(
  events: readonly StoredEvent[],
  now: Date,
  ttlMs: number,
  isProcedure: (intent: string) => boolean,
): DialogState {
  let context: Omit<DialogState, 'held' | 'lastAnswer'> = EMPTY_CONTEXT;
  let held = false;
  let lastAnswer: DialogState['lastAnswer'];
  let question: string | undefined;
  let previousAt: number | undefined;

  for (const { event, at, seq } of events) {
    // Waiting for an officer is not silence: the topic survives however long the handover lasts.
    if (!held && previousAt !== undefined && at.getTime() - previousAt > ttlMs) context = EMPTY_CONTEXT;
    previousAt = at.getTime();
    switch (event.type) {
      case 'user_said':
        // A typed choice number is not the question; keep the one that led to the choices.
        if (event.text && !/^\s*\d{1,2}\s*$/.test(event.text)) question = event.text;
        context = { ...context, messagesSinceProcedure: context.messagesSinceProcedure + 1 };
        break;
      case 'understood':
        if (event.outcome === 'answered' && event.intent) {
          lastAnswer = { seq, ...(question ? { question } : {}), intent: event.intent };
          context =
            isProcedure(event.intent) && event.aspect
              ? { ...context, procedure: event.intent, aspect: event.aspect, lastIntent: event.intent, messagesSinceProcedure: 0, failures: 0 }
              : { ...context, lastIntent: event.intent, failures: 0 };
        } else if (event.outcome === 'clarified' || event.outcome === 'fallback') {
          context = { ...context, failures: context.failures + 1 };
        } else if (event.outcome === 'handover') {
          context = { ...context, failures: 0 };
        } else if (event.outcome === 'held' && event.intent && event.aspect && isProcedure(event.intent)) {
          // Said while an officer held the conversation: the topic discussed with the officer.
          context = { ...context, procedure: event.intent, aspect: event.aspect };
        }
        break;
      case 'bot_replied': {
        const last = event.replies[event.replies.length - 1];
        context = { ...context, offered: last?.kind === 'choices' ? last.choices : undefined };
        break;
      }
      case 'reset':
        context = EMPTY_CONTEXT;
        break;
      case 'notice_shown':
        context = { ...context, districtNoticeShown: true };
        break;
      case 'handover_opened':
        held = true;
        break;
      case 'handover_released':
        held = false;
        break;
      case 'officer_replied':
      case 'rated':
        break;
    }
  }
  if (previousAt !== undefined && now.getTime() - previousAt > ttlMs) context = EMPTY_CONTEXT;
  return { ...context, held, ...(lastAnswer ? { lastAnswer } : {}) };
}
