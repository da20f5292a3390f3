import type { ConversationStore, Handover } from '../engine/conversation-store.js';
import type { MessageQueue } from '../server/message-queue.js';
import { describeEvent } from './describe-event.js';

/** A conversation waiting for an officer, with the citizen's last message masked. */
export interface WaitingConversation extends Handover {
  readonly lastCitizenMessage?: string;
}

/** One history line for staff. */
export interface HistoryLine {
  readonly seq: number;
  readonly at: Date;
  readonly text: string;
}

/**
 * The officer's side of a handover, shared by the CLI and the staff workspace: the conversations
 * waiting for an officer, their masked history, replying (recorded in the conversation and put in
 * the outbox, so the server delivers it through the citizen's channel) and releasing back to the bot.
 */
export class OfficerDesk {
  constructor(
    private readonly store: ConversationStore,
    private readonly queue: MessageQueue,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** The open handovers, oldest first, each with the citizen's last message. */
  async waiting(): Promise<WaitingConversation[]> {
    return Promise.all(
      (await this.store.openHandovers()).map(async (handover) => {
        const said = (await this.store.history(handover.conversationKey)).filter((e) => e.event.type === 'user_said').at(-1);
        return said ? { ...handover, lastCitizenMessage: describeEvent(said.event) } : handover;
      }),
    );
  }

  /** The open handover of this conversation, if it is waiting for an officer. */
  async find(conversationKey: string): Promise<Handover | undefined> {
    return (await this.store.openHandovers()).find((h) => h.conversationKey === conversationKey);
  }

  /** Every event of the conversation as a masked line, oldest first. */
  async history(conversationKey: string): Promise<HistoryLine[]> {
    return (await this.store.history(conversationKey)).flatMap(({ seq, at, event }) => {
      const text = describeEvent(event);
      return text === undefined ? [] : [{ seq, at, text }];
    });
  }

  /** Records the officer's reply and enqueues it for the citizen's channel; false when the conversation is not waiting. */
  async reply(conversationKey: string, officer: string, text: string): Promise<boolean> {
    const handover = await this.find(conversationKey);
    if (!handover) return false;
    const ref = { channel: handover.channel, conversationId: handover.conversationId, userId: handover.userId };
    const now = this.clock();
    await this.store.withTurn(ref, () => ({ result: undefined, events: [{ at: now, event: { type: 'officer_replied', officer, text } }] }));
    await this.queue.enqueueOutbound({ channel: ref.channel, conversationId: ref.conversationId, replies: [{ kind: 'text', text, officer }] }, now);
    return true;
  }

  /** Gives the conversation back to the bot; false when it is not waiting. */
  async release(conversationKey: string, officer: string): Promise<boolean> {
    const handover = await this.find(conversationKey);
    if (!handover) return false;
    const ref = { channel: handover.channel, conversationId: handover.conversationId, userId: handover.userId };
    await this.store.withTurn(ref, () => ({ result: undefined, events: [{ at: this.clock(), event: { type: 'handover_released', officer } }] }));
    return true;
  }
}
