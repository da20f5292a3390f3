import type { TurnLog } from '../admin/review/turn-log.js';
import type { ChannelUser, ConversationStore } from '../engine/conversation-store.js';
import type { MessageQueue } from '../server/message-queue.js';

/** How many rows a citizen's deletion removed, per store. */
export interface CitizenDeletion {
  readonly conversations: number;
  readonly conversationRows: number;
  readonly turns: number;
  readonly queueItems: number;
}

/**
 * A citizen's data across the stores, by channel user id (Nghị định 13/2023/NĐ-CP: the right to
 * see and to have deleted one's personal data). Their conversations are those with an event from
 * the user or a handover for them, plus those of their inbox items; each store exports or deletes
 * in one transaction of its own.
 */
export class CitizenData {
  constructor(
    private readonly stores: { readonly store: ConversationStore; readonly queue: MessageQueue; readonly turnLog: TurnLog },
  ) {}

  async export(user: ChannelUser, now: Date) {
    const keys = await this.conversationKeys(user);
    const { events, handovers, ratings } = await this.stores.store.conversationRecords(keys);
    const turns = await this.stores.turnLog.turnsOf(keys);
    const { inbox, outbox } = await this.stores.queue.itemsOf(user, idsOf(user, keys));
    return { channel: user.channel, userId: user.userId, exportedAt: now, conversations: keys, events, handovers, ratings, turns, inbox, outbox };
  }

  async delete(user: ChannelUser): Promise<CitizenDeletion> {
    const keys = await this.conversationKeys(user);
    // Should one store fail, deleting again finishes the job: the rest still lead to the conversations.
    const queueItems = await this.stores.queue.forgetItemsOf(user, idsOf(user, keys));
    const turns = await this.stores.turnLog.forgetTurnsOf(keys);
    const conversationRows = await this.stores.store.forgetConversations(keys);
    return { conversations: keys.length, conversationRows, turns, queueItems };
  }

  private async conversationKeys(user: ChannelUser): Promise<string[]> {
    const inStore = await this.stores.store.conversationsOf(user);
    const { inbox } = await this.stores.queue.itemsOf(user, []);
    return [...new Set([...inStore, ...inbox.map((item) => `${user.channel}:${item.conversationId}`)])].sort();
  }
}

export type CitizenExport = Awaited<ReturnType<CitizenData['export']>>;

const idsOf = (user: ChannelUser, keys: readonly string[]): string[] => keys.map((key) => key.slice(user.channel.length + 1));
