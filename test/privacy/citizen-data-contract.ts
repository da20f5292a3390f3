import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TurnLog } from '../../src/admin/review/turn-log.js';
import type { StaffStore } from '../../src/admin/staff-store.js';
import { conversationKey, type ConversationRef, type ConversationStore } from '../../src/engine/conversation-store.js';
import { CitizenData, userHash } from '../../src/privacy/citizen-data.js';
import type { MessageQueue } from '../../src/server/message-queue.js';

export interface CitizenStores {
  readonly store: ConversationStore;
  readonly queue: MessageQueue;
  readonly turnLog: TurnLog;
  readonly staff: StaffStore;
  dispose(): Promise<void>;
}

const at = (seconds: number): Date => new Date(Date.UTC(2025, 0, 1) + seconds * 1000);
const LEASE_MS = 60_000;
const admin = { user: 'quantri', at: at(100) };

const citizen: ConversationRef = { channel: 'zalo', conversationId: '8412345678901234567', userId: '8412345678901234567' };
const neighbour: ConversationRef = { channel: 'zalo', conversationId: '8499999999999999999', userId: '8499999999999999999' };
/** The same user id on another channel is another person. */
const otherChannel: ConversationRef = { channel: 'telegram', conversationId: citizen.userId, userId: citizen.userId };

/** One handled message of `ref` through every store: inbox → turn (events, handover, rating) → turn log → outbox. */
async function converse(stores: CitizenStores, ref: ConversationRef, id: string, text: string, seconds: number): Promise<void> {
  await stores.queue.accept({ channel: ref.channel, platformMessageId: id, conversationId: ref.conversationId, userId: ref.userId, text, receivedAt: at(seconds) });
  const item = await stores.queue.claimInbound(at(seconds), LEASE_MS);
  if (!item) throw new Error('nothing claimed');
  await stores.store.withTurn(ref, () => ({
    result: undefined,
    events: [
      { at: at(seconds), event: { type: 'user_said', platformMessageId: id, text } },
      { at: at(seconds), event: { type: 'bot_replied', replies: [{ kind: 'text', text: `trả lời ${text}` }] } },
      { at: at(seconds + 1), event: { type: 'handover_opened', reason: 'requested' } },
      { at: at(seconds + 2), event: { type: 'rated', answerSeq: 2, helpful: false, question: text } },
    ],
  }));
  await stores.turnLog.record({ at: at(seconds), channel: ref.channel, conversationKey: conversationKey(ref), text, folded: text, outcome: 'fallback', topIntents: [], latencyMs: 5 });
  await stores.queue.completeInbound(item.id, { channel: ref.channel, conversationId: ref.conversationId, replies: [{ kind: 'text', text: `trả lời ${text}` }] }, at(seconds));
  const out = await stores.queue.claimOutbound(at(seconds), LEASE_MS);
  if (!out) throw new Error('nothing to deliver');
  await stores.queue.completeOutbound(out.id, at(seconds));
}

/** Export and deletion of a citizen's data, run against each database. */
export function citizenDataContract(name: string, open: () => Promise<CitizenStores>): void {
  describe(`${name}: a citizen's data`, () => {
    let stores: CitizenStores;
    let data: CitizenData;
    beforeEach(async () => {
      stores = await open();
      data = new CitizenData(stores);
      await converse(stores, citizen, 'c1', 'số tôi 0912345678', 10);
      await converse(stores, neighbour, 'n1', 'hàng xóm hỏi', 20);
      await converse(stores, otherChannel, 't1', 'telegram hỏi', 30);
    });
    afterEach(async () => {
      await stores.dispose();
    });

    it('exports every stored item about the user and nothing about anyone else', async () => {
      const exported = await data.export(citizen, admin);
      expect(exported.conversations).toEqual([conversationKey(citizen)]);
      expect(exported.events.map((e) => e.event.type)).toEqual(['user_said', 'bot_replied', 'handover_opened', 'rated']);
      expect(exported.handovers).toMatchObject([{ userId: citizen.userId, reason: 'requested' }]);
      expect(exported.ratings).toMatchObject([{ answerSeq: 2, helpful: false, question: 'số tôi 0912345678' }]);
      expect(exported.turns).toMatchObject([{ text: 'số tôi 0912345678', outcome: 'fallback' }]);
      expect(exported.inbox).toMatchObject([{ platformMessageId: 'c1', text: 'số tôi 0912345678', status: 'done' }]);
      expect(exported.outbox).toMatchObject([{ replies: [{ text: 'trả lời số tôi 0912345678' }], status: 'done' }]);
      const json = JSON.stringify(exported);
      expect(json).not.toContain('hàng xóm');
      expect(json).not.toContain('telegram hỏi');

      const [entry] = await stores.staff.auditLog({ limit: 1 });
      expect(entry).toMatchObject({ user: 'quantri', action: 'citizen.export', target: 'zalo:***4567', after: { user: userHash(citizen), events: 4, turns: 1 } });
      expect(JSON.stringify(entry)).not.toContain(citizen.userId);
    });

    it('deletes all of it, keeps everyone else, and the bot starts a new conversation with the user', async () => {
      const neighbourBefore = await data.export(neighbour, admin);
      const otherBefore = await data.export(otherChannel, admin);

      expect(await data.delete(citizen, admin)).toEqual({ conversations: 1, conversationRows: 6, turns: 1, queueItems: 2 });

      const after = await data.export(citizen, admin);
      expect({ ...after, exportedAt: undefined }).toEqual({
        channel: 'zalo', userId: citizen.userId, exportedAt: undefined,
        conversations: [], events: [], handovers: [], ratings: [], turns: [], inbox: [], outbox: [],
      });
      expect(await stores.store.openHandovers()).toHaveLength(2);
      const entries = await stores.staff.auditLog({ limit: 10 });
      expect(entries.filter((e) => e.action === 'citizen.delete')).toMatchObject([{ user: 'quantri', target: 'zalo:***4567', after: { queueItems: 2, turns: 1 } }]);
      expect(JSON.stringify(entries)).not.toContain(citizen.userId);
      expect(await data.export(neighbour, admin)).toEqual(neighbourBefore);
      expect(await data.export(otherChannel, admin)).toEqual(otherBefore);
      expect(await data.delete(citizen, admin)).toEqual({ conversations: 0, conversationRows: 0, turns: 0, queueItems: 0 });

      // The user writes again: a new conversation from seq 1, their message accepted and handled.
      const seen = await stores.store.withTurn(citizen, (history) => ({ result: history, events: [{ at: at(200), event: { type: 'reset' } }] }));
      expect(seen).toEqual([]);
      expect((await stores.store.history(conversationKey(citizen))).map((e) => e.seq)).toEqual([1]);
      expect(await stores.queue.accept({ channel: 'zalo', platformMessageId: 'c2', conversationId: citizen.conversationId, userId: citizen.userId, text: 'xin chào', receivedAt: at(200) })).toBe('stored');
      expect((await stores.queue.claimInbound(at(200), LEASE_MS))?.platformMessageId).toBe('c2');
    });

    it('leaves a message still in flight to be answered', async () => {
      await stores.queue.accept({ channel: 'zalo', platformMessageId: 'c9', conversationId: citizen.conversationId, userId: citizen.userId, text: 'đang xử lý', receivedAt: at(50) });
      await data.delete(citizen, admin);
      expect((await stores.queue.claimInbound(at(60), LEASE_MS))?.platformMessageId).toBe('c9');
    });
  });
}
