import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InboundUpdate } from '../../src/channels/channel-adapter.js';
import type { Reply } from '../../src/engine/reply.js';
import type { InboxItem, MessageQueue, OutboundMessage, OutboxItem } from '../../src/server/message-queue.js';
import { NotClaimedError } from '../../src/server/queue/not-claimed-error.js';

export interface QueueUnderTest {
  readonly queue: MessageQueue;
  /** Closes the queue and removes what it left behind. */
  dispose(): Promise<void>;
}

/** 2025-01-01T00:00:00Z plus `seconds`. */
export const at = (seconds: number): Date => new Date(Date.UTC(2025, 0, 1) + seconds * 1000);

/** Leases in the contract last a minute unless a test is about their expiry. */
const LEASE_MS = 60_000;

/** A text update `id` of conversation `conversationId` on the "test" channel. */
export const update = (conversationId: string, id: string, changes: Partial<InboundUpdate> = {}): InboundUpdate => ({
  channel: 'test',
  platformMessageId: id,
  conversationId,
  userId: `u-${conversationId}`,
  text: `text of ${id}`,
  receivedAt: at(1),
  ...changes,
});

export const outboundFor = (item: InboxItem, ...texts: string[]): OutboundMessage => ({
  channel: item.channel,
  conversationId: item.conversationId,
  replies: texts.map((text): Reply => ({ kind: 'text', text })),
});

/** What identifies a claimed item in these tests; undefined when nothing was claimable. */
const idOf = (item: InboxItem | undefined): string | undefined => item?.platformMessageId;
const textOf = (item: OutboxItem | undefined): string | undefined => item?.replies[0]?.text;

/** The behaviour every `MessageQueue` must have, run against each implementation. */
export function queueContract(name: string, makeQueue: () => Promise<QueueUnderTest>): void {
  describe(`${name} message queue`, () => {
    let subject: QueueUnderTest | undefined;
    let queue: MessageQueue;
    beforeEach(async () => {
      subject = await makeQueue();
      queue = subject.queue;
    });
    afterEach(async () => {
      await subject?.dispose();
      subject = undefined;
    });

    const claim = (seconds = 0, leaseMs = LEASE_MS): Promise<InboxItem | undefined> => queue.claimInbound(at(seconds), leaseMs);
    const claimOut = (seconds = 0, leaseMs = LEASE_MS): Promise<OutboxItem | undefined> => queue.claimOutbound(at(seconds), leaseMs);
    const claimed = async (seconds = 0): Promise<InboxItem> => {
      const item = await claim(seconds);
      if (!item) throw new Error('nothing to claim');
      return item;
    };
    const claimedOut = async (seconds = 0, leaseMs = LEASE_MS): Promise<OutboxItem> => {
      const item = await claimOut(seconds, leaseMs);
      if (!item) throw new Error('nothing to claim in the outbox');
      return item;
    };
    /** Accepts update `id`, handles it at once and puts one reply saying `id` in the outbox. */
    const answer = async (conversationId: string, id: string): Promise<void> => {
      await queue.accept(update(conversationId, id));
      const item = await claimed();
      expect(item.platformMessageId).toBe(id);
      await queue.completeInbound(item.id, outboundFor(item, id), at(2));
    };

    it('stores updates and gives them back as accepted when claimed', async () => {
      const text = update('a', 'm1', { text: 'đăng ký kết hôn cần gì?', receivedAt: new Date(Date.UTC(2025, 5, 30, 23, 59, 59, 999)) });
      const { text: _text, ...withoutText } = update('b', 'm2', { userId: 'someone' });
      const payload: InboundUpdate = { ...withoutText, payload: 'follow' };

      expect(await queue.accept(text)).toBe('stored');
      expect(await queue.accept(payload)).toBe('stored');

      const first = await claimed();
      const second = await claimed();
      expect(first).toEqual({ ...text, id: expect.any(Number), attempts: 0 });
      expect(second).toEqual({ ...payload, id: expect.any(Number), attempts: 0 });
      expect(Object.keys(second)).not.toContain('text');
      expect(first.receivedAt).toBeInstanceOf(Date);
      expect(second.id).toBeGreaterThan(first.id);
      expect(await claim()).toBeUndefined();
    });

    it('drops a duplicate (channel, platformMessageId) without storing anything, even after it was handled', async () => {
      expect(await queue.accept(update('a', 'm1'))).toBe('stored');
      expect(await queue.accept(update('a', 'm1', { text: 'sent again, changed' }))).toBe('duplicate');
      expect(await queue.accept(update('other', 'm1', { text: 'same id, other conversation' }))).toBe('duplicate');
      expect(await queue.stats()).toEqual({ inboxPending: 1, outboxPending: 0, outboxFailed: 0 });
      // The same platform id on another channel is another message.
      expect(await queue.accept(update('a', 'm1', { channel: 'zalo' }))).toBe('stored');

      const first = await claimed();
      expect(first).toMatchObject({ channel: 'test', text: 'text of m1' });
      await queue.completeInbound(first.id, undefined, at(2));
      expect(await queue.accept(update('a', 'm1'))).toBe('duplicate');

      expect(await claimed()).toMatchObject({ channel: 'zalo', platformMessageId: 'm1' });
      expect(await claim()).toBeUndefined();
    });

    it('claims the items of a conversation one at a time, in order', async () => {
      for (const id of ['a1', 'a2', 'a3']) await queue.accept(update('a', id));

      const a1 = await claimed();
      expect(a1.platformMessageId).toBe('a1');
      // a2 waits while a1 is leased…
      expect(await claim(1)).toBeUndefined();
      await queue.completeInbound(a1.id, undefined, at(1));
      const a2 = await claimed(1);
      expect(a2.platformMessageId).toBe('a2');
      // …and a3 while a2 is pending again, waiting for its retry.
      await queue.releaseInbound(a2.id, at(100), 'engine failed');
      expect(await claim(99)).toBeUndefined();
      expect(await claim(100)).toMatchObject({ platformMessageId: 'a2', attempts: 1 });
      expect(await claim(100)).toBeUndefined();
      await queue.completeInbound(a2.id, undefined, at(100));
      expect(idOf(await claim(100))).toBe('a3');
    });

    it('claims items of different conversations concurrently, oldest first', async () => {
      for (const [conversation, id] of [['b', 'b1'], ['a', 'a1'], ['b', 'b2'], ['a', 'a2'], ['c', 'c1']] as const) {
        await queue.accept(update(conversation, id));
      }

      const b1 = await claimed();
      const a1 = await claimed();
      expect([b1.platformMessageId, a1.platformMessageId]).toEqual(['b1', 'a1']);
      expect(idOf(await claim())).toBe('c1');
      expect(await claim()).toBeUndefined();

      await queue.completeInbound(a1.id, undefined, at(1));
      expect(idOf(await claim(1))).toBe('a2');
      expect(await claim(1)).toBeUndefined();
      await queue.completeInbound(b1.id, undefined, at(1));
      expect(idOf(await claim(1))).toBe('b2');
    });

    it('tells conversations apart by channel too', async () => {
      await queue.accept(update('same', 'm1'));
      await queue.accept(update('same', 'm2', { channel: 'zalo' }));

      expect(await claimed()).toMatchObject({ channel: 'test', platformMessageId: 'm1' });
      expect(await claimed()).toMatchObject({ channel: 'zalo', platformMessageId: 'm2' });
    });

    it('hands an item whose lease expired to the next claimer (crash recovery)', async () => {
      await queue.accept(update('a', 'a1'));
      await queue.accept(update('a', 'a2'));

      const first = await claimed(0);
      expect(await queue.claimInbound(new Date(at(60).getTime() - 1), LEASE_MS)).toBeUndefined();
      const again = await queue.claimInbound(at(60), LEASE_MS);
      expect(again).toEqual(first);
      // The new lease holds, and a2 still waits for a1.
      expect(await claim(119)).toBeUndefined();
      await queue.completeInbound(first.id, undefined, at(119));
      expect(idOf(await claim(119))).toBe('a2');
    });

    it('counts releases and delays only the released conversation', async () => {
      await queue.accept(update('a', 'a1'));
      await queue.accept(update('b', 'b1'));
      const a1 = await claimed();

      await queue.releaseInbound(a1.id, at(10), 'first failure');
      expect(idOf(await claim(0))).toBe('b1');
      expect(await claim(9)).toBeUndefined();
      await queue.releaseInbound((await claimed(10)).id, at(20), 'second failure');
      expect(await claim(19)).toBeUndefined();
      expect(await claim(20)).toMatchObject({ platformMessageId: 'a1', attempts: 2 });
    });

    it('marks an item done and enqueues its replies in one step, or only marks it done', async () => {
      await queue.accept(update('a', 'a1'));
      await queue.accept(update('b', 'b1'));
      const a1 = await claimed();
      const b1 = await claimed();
      const replies: Reply[] = [
        { kind: 'text', text: 'Bạn cần CCCD.', rating: { helpful: 'rate:1:yes', notHelpful: 'rate:1:no' } },
        { kind: 'choices', text: 'Bạn hỏi về:', choices: [{ title: 'Lệ phí', payload: 'p:fee' }] },
        { kind: 'handover', text: 'Đã chuyển cán bộ', reason: 'unresolved' },
      ];

      await queue.completeInbound(a1.id, { channel: 'test', conversationId: 'a', replies }, at(1));
      await queue.completeInbound(b1.id, undefined, at(1));

      expect(await queue.stats()).toEqual({ inboxPending: 0, outboxPending: 1, outboxFailed: 0 });
      expect(await claimOut(1)).toEqual({ id: expect.any(Number), channel: 'test', conversationId: 'a', replies, attempts: 0 });
      expect(await claimOut(1)).toBeUndefined();
    });

    it('leaves the item claimed and the outbox empty when the replies cannot be stored', async () => {
      await queue.accept(update('a', 'a1'));
      await queue.accept(update('a', 'a2'));
      const a1 = await claimed();
      const unstorable = { kind: 'text', text: 10n } as unknown as Reply;

      await expect(queue.completeInbound(a1.id, { channel: 'test', conversationId: 'a', replies: [unstorable] }, at(1))).rejects.toThrow();

      expect(await queue.stats()).toEqual({ inboxPending: 2, outboxPending: 0, outboxFailed: 0 });
      expect(await claim(1)).toBeUndefined();
      expect(await claimOut(1)).toBeUndefined();
      await queue.completeInbound(a1.id, outboundFor(a1, 'ok'), at(1));
      expect(textOf(await claimOut(1))).toBe('ok');
      expect(idOf(await claim(1))).toBe('a2');
    });

    it('refuses to finish an item that is not claimed and leaves it as it was', async () => {
      await queue.accept(update('a', 'a1'));
      const a1 = await claimed();
      await queue.releaseInbound(a1.id, at(0), 'failed');
      await expect(queue.completeInbound(a1.id, outboundFor(a1, 'pending'), at(1))).rejects.toThrow(NotClaimedError);
      await expect(queue.releaseInbound(a1.id, at(1), 'pending')).rejects.toThrow(NotClaimedError);
      await expect(queue.completeInbound(a1.id + 1000, undefined, at(1))).rejects.toThrow(NotClaimedError);
      expect(await queue.stats()).toEqual({ inboxPending: 1, outboxPending: 0, outboxFailed: 0 });

      expect(await claimed()).toMatchObject({ id: a1.id, attempts: 1 });
      await queue.completeInbound(a1.id, outboundFor(a1, 'once'), at(1));
      // A worker whose lease ran out cannot answer again, nor put the item back.
      await expect(queue.completeInbound(a1.id, outboundFor(a1, 'twice'), at(2))).rejects.toThrow(NotClaimedError);
      await expect(queue.releaseInbound(a1.id, at(2), 'late failure')).rejects.toThrow(NotClaimedError);
      expect(await queue.stats()).toEqual({ inboxPending: 0, outboxPending: 1, outboxFailed: 0 });
      expect(await claim(100)).toBeUndefined();

      const once = await claimedOut();
      await queue.retryOutbound(once.id, at(10), 'timeout');
      await expect(queue.completeOutbound(once.id, at(1))).rejects.toThrow(NotClaimedError);
      await expect(queue.retryOutbound(once.id, at(1), 'unclaimed')).rejects.toThrow(NotClaimedError);
      await expect(queue.failOutbound(once.id, 'unclaimed', at(1))).rejects.toThrow(NotClaimedError);
      await expect(queue.completeOutbound(once.id + 1000, at(1))).rejects.toThrow(NotClaimedError);
      expect(await queue.stats()).toEqual({ inboxPending: 0, outboxPending: 1, outboxFailed: 0 });

      expect(await claimedOut(10)).toMatchObject({ id: once.id, attempts: 1 });
      await queue.completeOutbound(once.id, at(10));
      await expect(queue.completeOutbound(once.id, at(11))).rejects.toThrow(NotClaimedError);
      await expect(queue.retryOutbound(once.id, at(11), 'late')).rejects.toThrow(NotClaimedError);
      await expect(queue.failOutbound(once.id, 'late', at(11))).rejects.toThrow(NotClaimedError);
      expect(await queue.stats()).toEqual({ inboxPending: 0, outboxPending: 0, outboxFailed: 0 });
      expect(await claimOut(100)).toBeUndefined();
    });

    it('delivers in order per conversation: a message waiting to be retried holds back the later ones of its conversation only', async () => {
      await answer('a', 'a1');
      await answer('b', 'b1');
      await answer('a', 'a2');
      await answer('a', 'a3');

      const a1 = await claimedOut();
      const b1 = await claimedOut();
      expect([textOf(a1), textOf(b1)]).toEqual(['a1', 'b1']);
      expect(await claimOut()).toBeUndefined();

      await queue.retryOutbound(a1.id, at(60), 'Too Many Requests: retry after 60');
      await queue.completeOutbound(b1.id, at(1));
      expect(await claimOut(59)).toBeUndefined();
      const retried = await claimedOut(60);
      expect(retried).toMatchObject({ id: a1.id, attempts: 1 });
      expect(await claimOut(60)).toBeUndefined();
      await queue.completeOutbound(a1.id, at(60));

      // A delivery whose lease expired is handed out again, still before a3.
      const a2 = await claimedOut(60, 1000);
      expect(textOf(a2)).toBe('a2');
      expect(await queue.claimOutbound(new Date(at(61).getTime() - 1), LEASE_MS)).toBeUndefined();
      expect(await claimOut(61)).toEqual(a2);
      expect(await claimOut(61)).toBeUndefined();
      await queue.completeOutbound(a2.id, at(61));
      expect(textOf(await claimOut(61))).toBe('a3');
    });

    it('keeps a failed message, never hands it out again and lets the next one of its conversation go', async () => {
      await answer('a', 'a1');
      await answer('a', 'a2');

      const a1 = await claimedOut();
      await queue.failOutbound(a1.id, 'Forbidden: bot was blocked by the user', at(1));
      expect(await queue.stats()).toEqual({ inboxPending: 0, outboxPending: 1, outboxFailed: 1 });
      const a2 = await claimedOut(1);
      expect(textOf(a2)).toBe('a2');
      await queue.completeOutbound(a2.id, at(1));
      expect(await claimOut(1_000_000)).toBeUndefined();
      expect(await queue.stats()).toEqual({ inboxPending: 0, outboxPending: 0, outboxFailed: 1 });
    });

    it('counts unfinished inbox items, pending and failed outbox messages', async () => {
      expect(await queue.stats()).toEqual({ inboxPending: 0, outboxPending: 0, outboxFailed: 0 });
      for (const [conversation, id] of [['a', 'a1'], ['b', 'b1'], ['c', 'c1']] as const) await queue.accept(update(conversation, id));
      await queue.accept(update('a', 'a1'));
      expect(await queue.stats()).toEqual({ inboxPending: 3, outboxPending: 0, outboxFailed: 0 });

      const a1 = await claimed();
      const b1 = await claimed();
      const c1 = await claimed();
      expect(await queue.stats()).toEqual({ inboxPending: 3, outboxPending: 0, outboxFailed: 0 });
      await queue.completeInbound(a1.id, outboundFor(a1, 'a'), at(1));
      await queue.completeInbound(b1.id, outboundFor(b1, 'b'), at(1));
      await queue.releaseInbound(c1.id, at(10), 'failed');
      expect(await queue.stats()).toEqual({ inboxPending: 1, outboxPending: 2, outboxFailed: 0 });

      const first = await claimedOut();
      const second = await claimedOut();
      await queue.failOutbound(first.id, 'blocked', at(1));
      await queue.retryOutbound(second.id, at(10), 'later');
      expect(await queue.stats()).toEqual({ inboxPending: 1, outboxPending: 1, outboxFailed: 1 });
    });

    it('purges texts of handled items older than the retention date only, keeping the rows and their dedupe keys', async () => {
      await queue.accept(update('a', 'a1', { receivedAt: at(1) }));
      await queue.accept(update('b', 'b1', { receivedAt: at(1) }));
      await queue.accept(update('c', 'c1', { receivedAt: at(500) }));
      const a1 = await claimed();
      const b1 = await claimed();
      await queue.completeInbound(a1.id, outboundFor(a1, 'old reply'), at(2));
      const out = await claimedOut();
      await queue.completeOutbound(out.id, at(3));
      // b1 is still claimed (not handled): its text must survive.
      expect(await queue.purgeTexts(at(100))).toBe(2);
      expect(await queue.purgeTexts(at(100))).toBe(0);
      expect(await queue.accept(update('a', 'a1'))).toBe('duplicate');
      await queue.completeInbound(b1.id, undefined, at(4));
      const c1 = await claimed();
      expect(c1.text).toBe('text of c1');
    });

    it('delivers a message put in the outbox directly (an officer writing), in order with the conversation', async () => {
      await queue.enqueueOutbound({ channel: 'test', conversationId: 'a', replies: [{ kind: 'text', text: 'từ cán bộ' }] }, at(1));
      await queue.enqueueOutbound({ channel: 'test', conversationId: 'a', replies: [{ kind: 'text', text: 'lần hai' }] }, at(2));
      const first = await claimedOut();
      expect(textOf(first)).toBe('từ cán bộ');
      expect(await queue.claimOutbound(at(0), LEASE_MS)).toBeUndefined();
      await queue.completeOutbound(first.id, at(3));
      expect(textOf(await claimedOut())).toBe('lần hai');
    });

    it('never gives an item to two of 10 concurrent claimers and keeps each conversation in order, one at a time', async () => {
      const conversations = ['a', 'b', 'c', 'd', 'e', 'f'];
      const perConversation = 8;
      const accepted = new Map(conversations.map((c) => [c, Array.from({ length: perConversation }, (_, i) => `${c}${i}`)]));
      for (let i = 0; i < perConversation; i++) {
        for (const c of conversations) await queue.accept(update(c, `${c}${i}`));
      }
      const total = conversations.length * perConversation;

      const inbound = await runClaimers(total, async () => {
        const item = await queue.claimInbound(at(0), LEASE_MS);
        return (
          item && {
            id: item.id,
            conversation: item.conversationId,
            name: item.platformMessageId,
            finish: () => queue.completeInbound(item.id, outboundFor(item, item.platformMessageId), at(0)),
          }
        );
      });
      expectSerialAndOrdered(inbound, total, accepted);

      const outbound = await runClaimers(total, async () => {
        const item = await queue.claimOutbound(at(0), LEASE_MS);
        return item && { id: item.id, conversation: item.conversationId, name: textOf(item) ?? '', finish: () => queue.completeOutbound(item.id, at(0)) };
      });
      expectSerialAndOrdered(outbound, total, accepted);
      expect(await queue.stats()).toEqual({ inboxPending: 0, outboxPending: 0, outboxFailed: 0 });
    });
  });
}

interface Claim {
  readonly id: number;
  readonly conversation: string;
  /** What identifies the item in the order it was accepted. */
  readonly name: string;
  finish(): Promise<void>;
}

interface ClaimLog {
  /** Items in the order they were claimed. */
  readonly claims: readonly Claim[];
  /** Items claimed while another item of the same conversation was being worked on. */
  readonly overlaps: readonly string[];
  /** The most conversations worked on at once. */
  readonly widest: number;
}

/** 10 loops claim and finish items (working a few milliseconds on each) until `total` were claimed. */
async function runClaimers(total: number, claim: () => Promise<Claim | undefined>): Promise<ClaimLog> {
  const claims: Claim[] = [];
  const overlaps: string[] = [];
  let widest = 0;
  const working = new Set<string>();
  const loop = async (): Promise<void> => {
    while (claims.length < total) {
      const item = await claim();
      if (!item) {
        await sleep(1);
        continue;
      }
      claims.push(item);
      if (working.has(item.conversation)) overlaps.push(item.name);
      working.add(item.conversation);
      widest = Math.max(widest, working.size);
      await sleep(Math.random() * 3);
      working.delete(item.conversation);
      await item.finish();
    }
  };
  await Promise.all(Array.from({ length: 10 }, loop));
  return { claims, overlaps, widest };
}

function expectSerialAndOrdered(log: ClaimLog, total: number, accepted: ReadonlyMap<string, readonly string[]>): void {
  expect(log.overlaps).toEqual([]);
  expect(new Set(log.claims.map((c) => c.id)).size).toBe(total);
  expect(log.claims).toHaveLength(total);
  const order = new Map<string, string[]>();
  for (const { conversation, name } of log.claims) order.set(conversation, [...(order.get(conversation) ?? []), name]);
  expect(order).toEqual(accepted);
  expect(log.widest).toBeGreaterThan(1);
}
