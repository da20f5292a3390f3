import type { InboundUpdate } from '../../channels/channel-adapter.js';
import type { Reply } from '../../engine/reply.js';
import type { InboxItem, MessageQueue, OutboundMessage, OutboxItem, QueueStats } from '../message-queue.js';
import { NotClaimedError } from './not-claimed-error.js';

interface InboxRow {
  readonly id: number;
  update: InboundUpdate;
  status: 'pending' | 'claimed' | 'done';
  leaseUntil?: number;
  notBefore?: number;
  attempts: number;
}

interface OutboxRow {
  readonly id: number;
  readonly channel: string;
  readonly conversationId: string;
  /** As JSON, like the databases keep it: what they cannot store fails here too. */
  replies: string;
  readonly createdAt: number;
  status: 'pending' | 'done' | 'failed';
  leaseUntil?: number;
  notBefore?: number;
  attempts: number;
}

interface Conversation {
  readonly channel: string;
  readonly conversationId: string;
}

/**
 * In-process queue for tests and the console; everything is lost when the process ends. Error
 * texts and timestamps are not kept: nothing reads them back, only the databases show them to staff.
 */
export class MemoryMessageQueue implements MessageQueue {
  private readonly inbox: InboxRow[] = [];
  private readonly outbox: OutboxRow[] = [];
  private readonly accepted = new Set<string>();
  private nextInboxId = 1;
  private nextOutboxId = 1;

  async accept(update: InboundUpdate): Promise<'stored' | 'duplicate'> {
    const key = JSON.stringify([update.channel, update.platformMessageId]);
    if (this.accepted.has(key)) return 'duplicate';
    this.accepted.add(key);
    this.inbox.push({ id: this.nextInboxId++, update: copyUpdate(update), status: 'pending', attempts: 0 });
    return 'stored';
  }

  async claimInbound(now: Date, leaseMs: number): Promise<InboxItem | undefined> {
    const unfinished = this.inbox.filter((row) => row.status !== 'done');
    const row = firstClaimable(unfinished, (r) => r.update, now.getTime());
    if (!row) return undefined;
    row.status = 'claimed';
    row.leaseUntil = now.getTime() + leaseMs;
    return { ...copyUpdate(row.update), id: row.id, attempts: row.attempts };
  }

  async completeInbound(id: number, outbound: OutboundMessage | undefined, now: Date): Promise<void> {
    const row = this.claimedInbox(id);
    // Serialized before anything changes, so a message that cannot be stored leaves the item claimed.
    const message = outbound && this.outboxRow(outbound, now);
    row.status = 'done';
    row.leaseUntil = undefined;
    if (message) this.outbox.push(message);
  }

  async enqueueOutbound(message: OutboundMessage, now: Date): Promise<void> {
    this.outbox.push(this.outboxRow(message, now));
  }

  private outboxRow(message: OutboundMessage, now: Date): OutboxRow {
    const { channel, conversationId } = message;
    return { id: this.nextOutboxId++, channel, conversationId, replies: JSON.stringify(message.replies), createdAt: now.getTime(), status: 'pending', attempts: 0 };
  }

  async releaseInbound(id: number, notBefore: Date, _error: string): Promise<void> {
    const row = this.claimedInbox(id);
    row.status = 'pending';
    row.leaseUntil = undefined;
    row.notBefore = notBefore.getTime();
    row.attempts += 1;
  }

  async claimOutbound(now: Date, leaseMs: number): Promise<OutboxItem | undefined> {
    const pending = this.outbox.filter((row) => row.status === 'pending');
    const row = firstClaimable(pending, (r) => r, now.getTime());
    if (!row) return undefined;
    row.leaseUntil = now.getTime() + leaseMs;
    return {
      id: row.id,
      channel: row.channel,
      conversationId: row.conversationId,
      replies: JSON.parse(row.replies) as Reply[],
      attempts: row.attempts,
    };
  }

  async completeOutbound(id: number, _now: Date): Promise<void> {
    const row = this.claimedOutbox(id);
    row.status = 'done';
    row.leaseUntil = undefined;
  }

  async retryOutbound(id: number, notBefore: Date, _error: string): Promise<void> {
    const row = this.claimedOutbox(id);
    row.leaseUntil = undefined;
    row.notBefore = notBefore.getTime();
    row.attempts += 1;
  }

  async failOutbound(id: number, _error: string, _now: Date): Promise<void> {
    const row = this.claimedOutbox(id);
    row.status = 'failed';
    row.leaseUntil = undefined;
    row.attempts += 1;
  }

  async stats(): Promise<QueueStats> {
    return {
      inboxPending: this.inbox.filter((row) => row.status !== 'done').length,
      outboxPending: this.outbox.filter((row) => row.status === 'pending').length,
      outboxFailed: this.outbox.filter((row) => row.status === 'failed').length,
    };
  }

  async purgeTexts(before: Date): Promise<number> {
    let blanked = 0;
    for (const row of this.inbox) {
      if (row.status !== 'done' || row.update.receivedAt >= before || row.update.text === undefined) continue;
      const { text: _removed, ...rest } = row.update;
      row.update = rest;
      blanked++;
    }
    for (const row of this.outbox) {
      if (row.status === 'pending' || row.createdAt >= before.getTime() || row.replies === '[]') continue;
      row.replies = '[]';
      blanked++;
    }
    return blanked;
  }

  async close(): Promise<void> {}

  private claimedInbox(id: number): InboxRow {
    const row = this.inbox.find((r) => r.id === id);
    if (row?.status !== 'claimed') throw new NotClaimedError('inbox', id);
    return row;
  }

  private claimedOutbox(id: number): OutboxRow {
    const row = this.outbox.find((r) => r.id === id);
    if (row?.status !== 'pending' || row.leaseUntil === undefined) throw new NotClaimedError('outbox', id);
    return row;
  }
}

/** The update without fields the databases do not keep, and with its own Date. */
function copyUpdate(update: InboundUpdate): InboundUpdate {
  return {
    channel: update.channel,
    platformMessageId: update.platformMessageId,
    conversationId: update.conversationId,
    userId: update.userId,
    ...(update.text === undefined ? {} : { text: update.text }),
    ...(update.payload === undefined ? {} : { payload: update.payload }),
    receivedAt: new Date(update.receivedAt.getTime()),
  };
}

/**
 * The first of the unfinished rows (in id order) that is due and not leased, and whose
 * conversation has no earlier unfinished row and no row leased right now — the same rule as the
 * databases' claim queries.
 */
function firstClaimable<T extends InboxRow | OutboxRow>(unfinished: readonly T[], conversationOf: (row: T) => Conversation, now: number): T | undefined {
  const leased = (row: T): boolean => row.leaseUntil !== undefined && row.leaseUntil > now;
  const sameConversation = (a: T, b: T): boolean =>
    conversationOf(a).channel === conversationOf(b).channel && conversationOf(a).conversationId === conversationOf(b).conversationId;
  return unfinished.find(
    (row) =>
      (row.notBefore === undefined || row.notBefore <= now) &&
      !leased(row) &&
      !unfinished.some((other) => sameConversation(other, row) && (other.id < row.id || leased(other))),
  );
}
