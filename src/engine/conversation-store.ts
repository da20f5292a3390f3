import type { NewEvent, StoredEvent } from './conversation-events.js';

/** Which conversation; its key is `${channel}:${conversationId}`. */
export interface ConversationRef {
  readonly channel: string;
  readonly conversationId: string;
  readonly userId: string;
}

/** A citizen as a channel knows them. */
export type ChannelUser = Pick<ConversationRef, 'channel' | 'userId'>;

/** Everything the conversation store keeps of some conversations (a citizen's export). */
export interface ConversationRecords {
  readonly events: readonly StoredEvent[];
  readonly handovers: readonly Handover[];
  readonly ratings: readonly Rating[];
}

export const conversationKey = (ref: Pick<ConversationRef, 'channel' | 'conversationId'>): string =>
  `${ref.channel}:${ref.conversationId}`;

export interface TurnWrite<T> {
  readonly result: T;
  /** Appended atomically, in order, after the events `work` saw. */
  readonly events: readonly NewEvent[];
}

export interface Handover {
  readonly conversationKey: string;
  readonly channel: string;
  readonly conversationId: string;
  readonly userId: string;
  readonly reason: 'requested' | 'unresolved';
  readonly openedAt: Date;
  /** Set when an officer released the conversation back to the bot. */
  readonly releasedAt?: Date;
}

export interface Rating {
  readonly conversationKey: string;
  readonly answerSeq: number;
  readonly helpful: boolean;
  readonly question?: string;
  readonly intent?: string;
  readonly at: Date;
}

/**
 * The engine's only view of persistence, implemented once in src/store/conversation-store.ts on
 * SQLite (embedded default; in memory for tests and one-off CLI runs) and PostgreSQL (several instances).
 */
export interface ConversationStore {
  /**
   * Runs one turn of a conversation exclusively — in this process and across processes sharing
   * the store — in arrival order: `work` sees the conversation's recent events (oldest first,
   * at most `historyLimit`) and returns the events to append. Appending is atomic: if `work`
   * throws, nothing is written. Derived records (open handovers, ratings) are updated in the
   * same transaction from the appended events.
   */
  withTurn<T>(ref: ConversationRef, work: (history: readonly StoredEvent[]) => TurnWrite<T> | Promise<TurnWrite<T>>): Promise<T>;
  /** A conversation's events, oldest first (the last `limit` when given). */
  history(conversationKey: string, limit?: number): Promise<StoredEvent[]>;
  /** Conversations currently waiting for or held by an officer, oldest first. */
  openHandovers(): Promise<Handover[]>;
  ratings(options?: { since?: Date }): Promise<Rating[]>;
  /** Blanks message texts older than `before` (retention); events stay. Returns how many events were blanked. */
  purgeTexts(before: Date): Promise<number>;
  /** Keys of the conversations on the user's channel with an event from the user or a handover for them. */
  conversationsOf(user: ChannelUser): Promise<string[]>;
  /** Every event, handover and rating of the conversations, oldest first. */
  conversationRecords(keys: readonly string[]): Promise<ConversationRecords>;
  /**
   * Removes the conversations — events, handovers, ratings — in one transaction; a later message
   * starts a new conversation. Returns how many rows were removed.
   */
  forgetConversations(keys: readonly string[]): Promise<number>;
  /** Reachable and migrated (for readiness checks). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** How many past events a turn needs to rebuild dialog state. */
export const HISTORY_LIMIT = 60;
