import { createHash } from 'node:crypto';
import type { TurnLog } from '../admin/review/turn-log.js';
import type { Actor, StaffStore } from '../admin/staff-store.js';
import type { ChannelUser, ConversationStore } from '../engine/conversation-store.js';
import type { MessageQueue } from '../server/message-queue.js';

/** How many rows a citizen's deletion removed, per store. */
export interface CitizenDeletion {
  readonly conversations: number;
  readonly conversationRows: number;
  readonly turns: number;
  readonly queueItems: number;
}

export interface CitizenStores {
  readonly store: ConversationStore;
  readonly queue: MessageQueue;
  readonly turnLog: TurnLog;
  /** Where each export and deletion is audited. */
  readonly staff: StaffStore;
}

/**
 * A citizen's data across the stores, by channel user id (Nghị định 13/2023/NĐ-CP: the right to
 * see and to have deleted one's personal data). Their conversations are those with an event from
 * the user or a handover for them, plus those of their inbox items; each store exports or deletes
 * in one transaction of its own. Both are audited under the actor, naming the user masked.
 */
export class CitizenData {
  constructor(private readonly stores: CitizenStores) {}

  async export(user: ChannelUser, by: Actor) {
    const keys = await this.conversationKeys(user);
    const { events, handovers, ratings } = await this.stores.store.conversationRecords(keys);
    const turns = await this.stores.turnLog.turnsOf(keys);
    const { inbox, outbox } = await this.stores.queue.itemsOf(user, idsOf(user, keys));
    const exported = { channel: user.channel, userId: user.userId, exportedAt: by.at, conversations: keys, events, handovers, ratings, turns, inbox, outbox };
    const counts = { conversations: keys.length, events: events.length, turns: turns.length, inbox: inbox.length, outbox: outbox.length };
    await this.stores.staff.recordAudit({ action: 'citizen.export', target: maskedUser(user), before: null, after: { user: userHash(user), ...counts } }, by);
    return exported;
  }

  async delete(user: ChannelUser, by: Actor): Promise<CitizenDeletion> {
    const keys = await this.conversationKeys(user);
    // Should one store fail, deleting again finishes the job: the rest still lead to the conversations.
    const queueItems = await this.stores.queue.forgetItemsOf(user, idsOf(user, keys));
    const turns = await this.stores.turnLog.forgetTurnsOf(keys);
    const conversationRows = await this.stores.store.forgetConversations(keys);
    const deletion = { conversations: keys.length, conversationRows, turns, queueItems };
    await this.stores.staff.recordAudit({ action: 'citizen.delete', target: maskedUser(user), before: null, after: { user: userHash(user), ...deletion } }, by);
    return deletion;
  }

  private async conversationKeys(user: ChannelUser): Promise<string[]> {
    const inStore = await this.stores.store.conversationsOf(user);
    const { inbox } = await this.stores.queue.itemsOf(user, []);
    return [...new Set([...inStore, ...inbox.map((item) => `${user.channel}:${item.conversationId}`)])].sort();
  }
}

const idsOf = (user: ChannelUser, keys: readonly string[]): string[] => keys.map((key) => key.slice(user.channel.length + 1));

/** The user as the audit log names them: channel and the id's last 4 characters. */
export const maskedUser = (user: ChannelUser): string => `${user.channel}:***${user.userId.slice(-4)}`;

/**
 * A stable pseudonym of the user, so an auditor who is given the id can find its entries (and
 * nobody reads the id from the log): the first 16 hex digits of SHA-256 over "channel:id".
 */
export const userHash = (user: ChannelUser): string => createHash('sha256').update(`${user.channel}:${user.userId}`).digest('hex').slice(0, 16);
