import type { ConversationEvent, StoredEvent } from '../engine/conversation-events.js';
import {
  HISTORY_LIMIT,
  conversationKey,
  type ConversationRef,
  type ConversationStore,
  type Handover,
  type Rating,
  type TurnWrite,
} from '../engine/conversation-store.js';
import { KeyedQueue } from './keyed-queue.js';
import { PURGED_TEXT } from './purged-text.js';

/** In-process store for tests and the console; everything is lost when the process ends. */
export class MemoryConversationStore implements ConversationStore {
  private readonly turns = new KeyedQueue();
  private readonly events = new Map<string, StoredEvent[]>();
  private readonly handovers = new Map<string, Handover>();
  private readonly ratingsByAnswer = new Map<string, Rating>();

  withTurn<T>(ref: ConversationRef, work: (history: readonly StoredEvent[]) => TurnWrite<T> | Promise<TurnWrite<T>>): Promise<T> {
    const key = conversationKey(ref);
    return this.turns.run(key, async () => {
      const history = this.read(key, HISTORY_LIMIT);
      const { result, events } = await work(history);
      // Events go through JSON as in the databases: the same things fail, and callers get
      // back what a database would return (undefined fields dropped, no shared objects).
      const stored = events.map(({ at, event }, i): StoredEvent => ({
        conversationKey: key,
        seq: (history.at(-1)?.seq ?? 0) + 1 + i,
        at: new Date(at.getTime()),
        event: JSON.parse(JSON.stringify(event)) as ConversationEvent,
      }));
      this.events.set(key, [...(this.events.get(key) ?? []), ...stored]);
      for (const event of stored) this.project(ref, event);
      return result;
    });
  }

  async history(key: string, limit?: number): Promise<StoredEvent[]> {
    return this.read(key, limit);
  }

  async openHandovers(): Promise<Handover[]> {
    return [...this.handovers.values()]
      .filter((handover) => handover.releasedAt === undefined)
      .sort((a, b) => a.openedAt.getTime() - b.openedAt.getTime() || compare(a.conversationKey, b.conversationKey));
  }

  async ratings(options: { since?: Date } = {}): Promise<Rating[]> {
    const since = options.since?.getTime() ?? -Infinity;
    return [...this.ratingsByAnswer.values()]
      .filter((rating) => rating.at.getTime() >= since)
      .sort((a, b) => a.at.getTime() - b.at.getTime() || compare(a.conversationKey, b.conversationKey) || a.answerSeq - b.answerSeq);
  }

  async purgeTexts(before: Date): Promise<number> {
    let blanked = 0;
    for (const [key, events] of this.events) {
      this.events.set(
        key,
        events.map((stored) => {
          const event = stored.at < before ? withoutTexts(stored.event) : undefined;
          if (!event) return stored;
          blanked += 1;
          return { ...stored, event };
        }),
      );
    }
    for (const [key, { question: _question, ...rating }] of this.ratingsByAnswer) {
      if (rating.at < before) this.ratingsByAnswer.set(key, rating);
    }
    return blanked;
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {}

  private read(key: string, limit?: number): StoredEvent[] {
    const events = this.events.get(key) ?? [];
    return limit === undefined ? [...events] : events.slice(Math.max(0, events.length - limit));
  }

  private project(ref: ConversationRef, { conversationKey: key, at, event }: StoredEvent): void {
    switch (event.type) {
      case 'handover_opened': {
        const open = this.handovers.get(key);
        this.handovers.set(key, {
          conversationKey: key,
          channel: ref.channel,
          conversationId: ref.conversationId,
          userId: ref.userId,
          reason: event.reason,
          openedAt: open && open.releasedAt === undefined ? open.openedAt : at,
        });
        break;
      }
      case 'handover_released': {
        const open = this.handovers.get(key);
        if (open && open.releasedAt === undefined) this.handovers.set(key, { ...open, releasedAt: at });
        break;
      }
      case 'rated':
        this.ratingsByAnswer.set(`${key}#${event.answerSeq}`, {
          conversationKey: key,
          answerSeq: event.answerSeq,
          helpful: event.helpful,
          ...(event.question === undefined ? {} : { question: event.question }),
          ...(event.intent === undefined ? {} : { intent: event.intent }),
          at,
        });
        break;
      default:
        break;
    }
  }
}

/** The event with the citizen's, bot's and officer's texts removed, or undefined when it has none left. */
function withoutTexts(event: ConversationEvent): ConversationEvent | undefined {
  switch (event.type) {
    case 'user_said': {
      if (event.text === undefined) return undefined;
      const { text: _text, ...rest } = event;
      return rest;
    }
    case 'bot_replied':
      return event.replies.some((reply) => reply.text !== PURGED_TEXT)
        ? { ...event, replies: event.replies.map((reply) => ({ ...reply, text: PURGED_TEXT })) }
        : undefined;
    case 'officer_replied':
      return event.text === PURGED_TEXT ? undefined : { ...event, text: PURGED_TEXT };
    case 'rated': {
      if (event.question === undefined) return undefined;
      const { question: _question, ...rest } = event;
      return rest;
    }
    default:
      return undefined;
  }
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
