import type { Inbox, InboundUpdate } from '../channels/channel-adapter.js';
import type { ChannelUser } from '../engine/conversation-store.js';
import type { Reply } from '../engine/reply.js';

export interface InboxItem extends InboundUpdate {
  readonly id: number;
  readonly attempts: number;
}

export interface OutboundMessage {
  readonly channel: string;
  readonly conversationId: string;
  readonly replies: readonly Reply[];
}

export interface OutboxItem extends OutboundMessage {
  readonly id: number;
  readonly attempts: number;
}

/** A stored inbox or outbox item as a citizen's export shows it. */
export interface StoredInboxItem extends InboxItem {
  readonly status: 'pending' | 'claimed' | 'done';
}

export interface StoredOutboxItem extends OutboxItem {
  readonly status: 'pending' | 'done' | 'failed';
  readonly createdAt: Date;
}

export interface CitizenItems {
  readonly inbox: readonly StoredInboxItem[];
  readonly outbox: readonly StoredOutboxItem[];
}

export interface QueueStats {
  readonly inboxPending: number;
  readonly outboxPending: number;
  readonly outboxFailed: number;
}

/**
 * The durable inbox and outbox between channels and the engine. Nothing is acknowledged to a
 * platform before `accept` has stored it; duplicates (platform retries) are dropped by
 * (channel, platformMessageId). Items are claimed with a lease, so a crashed worker's items are
 * picked up again when the lease expires.
 */
export interface MessageQueue extends Inbox {
  /**
   * The oldest pending inbox item whose conversation has no other item claimed (leased) right now
   * and no older pending item — so each conversation is processed one item at a time, in order.
   */
  claimInbound(now: Date, leaseMs: number): Promise<InboxItem | undefined>;
  /** Marks the item done and enqueues its replies, atomically. */
  completeInbound(id: number, outbound: OutboundMessage | undefined, now: Date): Promise<void>;
  /** Gives the item back (processing failed); it can be claimed again from `notBefore`. */
  releaseInbound(id: number, notBefore: Date, error: string): Promise<void>;

  /** Puts a message in the outbox without an inbox item (an officer writing to a citizen). */
  enqueueOutbound(message: OutboundMessage, now: Date): Promise<void>;

  /** The oldest due outbox item of a conversation with no earlier undelivered item, leased. */
  claimOutbound(now: Date, leaseMs: number): Promise<OutboxItem | undefined>;
  completeOutbound(id: number, now: Date): Promise<void>;
  /** Delivery failed temporarily: try again from `notBefore` (honouring the platform's back-off). */
  retryOutbound(id: number, notBefore: Date, error: string): Promise<void>;
  /** Delivery failed for good (kept for staff, never retried). */
  failOutbound(id: number, error: string, now: Date): Promise<void>;

  stats(): Promise<QueueStats>;
  /**
   * Retention: removes the texts of handled items older than `before` (inbox text, outbox replies);
   * the rows and their dedupe keys stay. Returns how many items were blanked.
   */
  purgeTexts(before: Date): Promise<number>;
  /**
   * A citizen's items: the inbox items from the user on the channel, and the outbox items to those
   * conversations or to `conversationIds` (their conversations known elsewhere) on the channel.
   */
  itemsOf(user: ChannelUser, conversationIds: readonly string[]): Promise<CitizenItems>;
  /**
   * Removes the citizen's handled items (as `itemsOf` finds them) in one transaction; items still
   * in flight are left to finish. Returns how many were removed.
   */
  forgetItemsOf(user: ChannelUser, conversationIds: readonly string[]): Promise<number>;
  close(): Promise<void>;
}
