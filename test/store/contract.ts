import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationEvent, NewEvent, StoredEvent } from '../../src/engine/conversation-events.js';
import { HISTORY_LIMIT, conversationKey, type ConversationRef, type ConversationStore } from '../../src/engine/conversation-store.js';

export interface StoreUnderTest {
  readonly store: ConversationStore;
  /** Closes the store and removes what it left behind. */
  dispose(): Promise<void>;
}

export interface ContractOptions {
  /** False for SQLite, whose turns all run one at a time within a process. */
  readonly parallelConversations: boolean;
}

export const testRef = (conversationId: string): ConversationRef => ({
  channel: 'test',
  conversationId,
  userId: `u-${conversationId}`,
});

/** 2025-01-01T00:00:00Z plus `seconds`. */
export const at = (seconds: number): Date => new Date(Date.UTC(2025, 0, 1) + seconds * 1000);

const said = (text: string, id = text): ConversationEvent => ({ type: 'user_said', platformMessageId: id, text });

/** Appends `events` in one turn and returns the history the turn saw. */
export async function append(store: ConversationStore, ref: ConversationRef, events: readonly NewEvent[]): Promise<readonly StoredEvent[]> {
  return store.withTurn(ref, (history) => ({ result: history, events }));
}

/** The behaviour every `ConversationStore` must have, run against each implementation. */
export function storeContract(name: string, makeStore: () => Promise<StoreUnderTest>, options: ContractOptions): void {
  describe(`${name} conversation store`, () => {
    let subject: StoreUnderTest | undefined;
    let store: ConversationStore;
    beforeEach(async () => {
      subject = await makeStore();
      store = subject.store;
    });
    afterEach(async () => {
      await subject?.dispose();
      subject = undefined;
    });

    it('appends events in order with consecutive seq and reads them back equal', async () => {
      const ref = testRef('order');
      const key = conversationKey(ref);
      const first: NewEvent[] = [
        { at: at(1), event: said('đăng ký kết hôn cần gì', 'm1') },
        {
          at: at(2),
          event: { type: 'understood', outcome: 'answered', intent: 'ket-hon', aspect: 'ho_so', ranked: [{ intent: 'ket-hon', score: 0.9 }] },
        },
        { at: at(3), event: { type: 'bot_replied', replies: [{ kind: 'choices', text: 'Bạn hỏi về:', choices: [{ title: 'Lệ phí', payload: 'p:fee' }] }] } },
      ];
      const second: NewEvent[] = [
        { at: new Date(Date.UTC(2025, 5, 30, 23, 59, 59, 999)), event: { type: 'user_said', platformMessageId: 'm2', payload: 'p:fee' } },
        { at: at(5), event: { type: 'reset' } },
      ];

      expect(await append(store, ref, first)).toEqual([]);
      const seenBySecond = await append(store, ref, second);
      const stored = await store.history(key);

      const expected = [...first, ...second].map((e, i) => ({ conversationKey: key, seq: i + 1, ...e }));
      expect(stored).toEqual(expected);
      expect(seenBySecond).toEqual(expected.slice(0, 3));
      for (const event of stored) expect(event.at).toBeInstanceOf(Date);
      expect(await store.history('test:nobody')).toEqual([]);
    });

    it('returns the result of work', async () => {
      expect(await store.withTurn(testRef('result'), () => ({ result: { answer: 42 }, events: [] }))).toEqual({ answer: 42 });
    });

    it('limits history to the last events, oldest first, and gives a turn the last HISTORY_LIMIT', async () => {
      const ref = testRef('limit');
      const total = HISTORY_LIMIT + 10;
      await append(store, ref, Array.from({ length: total }, (_, i) => ({ at: at(i), event: said(`m${i + 1}`) })));

      expect((await store.history(conversationKey(ref), 5)).map((e) => e.seq)).toEqual([66, 67, 68, 69, 70]);
      const seen = await append(store, ref, []);
      expect(seen.map((e) => e.seq)).toEqual(Array.from({ length: HISTORY_LIMIT }, (_, i) => total - HISTORY_LIMIT + 1 + i));
      expect(seen.at(-1)?.event).toEqual(said('m70'));
    });

    it('writes nothing when work throws', async () => {
      const ref = testRef('throws');
      await append(store, ref, [{ at: at(1), event: said('xin chào') }]);
      const failure = new Error('engine failed');

      await expect(
        store.withTurn(ref, async () => {
          await sleep(1);
          throw failure;
        }),
      ).rejects.toBe(failure);

      expect(await store.history(conversationKey(ref))).toHaveLength(1);
      expect(await store.openHandovers()).toEqual([]);
      expect(await store.ratings()).toEqual([]);
    });

    it('writes none of the events of a turn when one of them cannot be stored', async () => {
      const ref = testRef('unstorable');
      const unstorable = { type: 'rated', answerSeq: 1, helpful: true, question: 10n } as unknown as ConversationEvent;

      await expect(
        append(store, ref, [
          { at: at(1), event: { type: 'handover_opened', reason: 'requested' } },
          { at: at(2), event: unstorable },
        ]),
      ).rejects.toThrow();

      expect(await store.history(conversationKey(ref))).toEqual([]);
      expect(await store.openHandovers()).toEqual([]);
      expect(await store.ratings()).toEqual([]);
      // The conversation is still usable and numbering starts at 1.
      await append(store, ref, [{ at: at(3), event: said('lại') }]);
      expect((await store.history(conversationKey(ref))).map((e) => e.seq)).toEqual([1]);
    });

    it('runs concurrent turns of one conversation one at a time, in call order', async () => {
      const ref = testRef('concurrent');
      const failing = 15;
      const turns = Array.from({ length: 30 }, (_, i) =>
        store.withTurn(ref, async (history) => {
          const seen = history.length;
          await sleep(Math.random() * 3);
          if (i === failing) throw new Error('turn 15 fails');
          return { result: seen, events: [{ at: new Date(), event: said(String(seen), String(i)) }] };
        }),
      );
      const settled = await Promise.allSettled(turns);

      expect(settled.map((s) => (s.status === 'fulfilled' ? s.value : 'failed'))).toEqual(
        Array.from({ length: 30 }, (_, i) => (i < failing ? i : i === failing ? 'failed' : i - 1)),
      );
      const stored = await store.history(conversationKey(ref));
      expect(stored.map((e) => e.seq)).toEqual(Array.from({ length: 29 }, (_, i) => i + 1));
      expect(stored.map((e) => (e.event.type === 'user_said' ? e.event.platformMessageId : ''))).toEqual(
        Array.from({ length: 30 }, (_, i) => String(i)).filter((id) => id !== String(failing)),
      );
    });

    it(
      options.parallelConversations
        ? 'does not hold up one conversation while a turn of another is slow'
        : 'runs a turn of another conversation once the slow turn has finished',
      async () => {
        let release!: () => void;
        const gate = new Promise<void>((resolve) => (release = resolve));
        let slowStarted!: () => void;
        const started = new Promise<void>((resolve) => (slowStarted = resolve));
        const finished: string[] = [];

        const slow = store
          .withTurn(testRef('slow'), async () => {
            slowStarted();
            await gate;
            return { result: 'slow', events: [{ at: at(1), event: said('chậm') }] };
          })
          .then((r) => finished.push(r));
        await started;
        const quick = store
          .withTurn(testRef('quick'), () => ({ result: 'quick', events: [{ at: at(2), event: said('nhanh') }] }))
          .then((r) => finished.push(r));

        if (options.parallelConversations) {
          await Promise.race([quick, sleep(5_000).then(() => Promise.reject(new Error('quick turn was held up by the slow one')))]);
          expect(finished).toEqual(['quick']);
        } else {
          await sleep(100);
          expect(finished).toEqual([]);
        }
        release();
        await Promise.all([slow, quick]);
        expect(finished).toEqual(options.parallelConversations ? ['quick', 'slow'] : ['slow', 'quick']);
        expect(await store.history('test:quick')).toHaveLength(1);
        expect(await store.history('test:slow')).toHaveLength(1);
      },
    );

    it('lists open handovers oldest first and drops released ones', async () => {
      const a = testRef('ho-a');
      const b = testRef('ho-b');
      await append(store, a, [{ at: at(1), event: said('cho tôi gặp cán bộ') }]);
      await append(store, b, [{ at: at(2), event: { type: 'handover_opened', reason: 'unresolved' } }]);
      await append(store, a, [{ at: at(3), event: { type: 'handover_opened', reason: 'requested' } }]);
      const handover = (ref: ConversationRef, reason: 'requested' | 'unresolved', openedAt: Date) => ({
        conversationKey: conversationKey(ref),
        channel: ref.channel,
        conversationId: ref.conversationId,
        userId: ref.userId,
        reason,
        openedAt,
      });

      expect(await store.openHandovers()).toEqual([handover(b, 'unresolved', at(2)), handover(a, 'requested', at(3))]);

      // Opening again while open keeps the place in the queue.
      await append(store, b, [{ at: at(4), event: { type: 'handover_opened', reason: 'requested' } }]);
      expect(await store.openHandovers()).toEqual([handover(b, 'requested', at(2)), handover(a, 'requested', at(3))]);

      await append(store, b, [
        { at: at(5), event: { type: 'officer_replied', officer: 'lan', text: 'Chào bạn' } },
        { at: at(6), event: { type: 'handover_released', officer: 'lan' } },
      ]);
      expect(await store.openHandovers()).toEqual([handover(a, 'requested', at(3))]);

      await append(store, b, [{ at: at(7), event: { type: 'handover_opened', reason: 'unresolved' } }]);
      expect(await store.openHandovers()).toEqual([handover(a, 'requested', at(3)), handover(b, 'unresolved', at(7))]);
    });

    it('lists ratings with their question, oldest first, since a date, the latest per answer', async () => {
      const a = testRef('rate-a');
      const b = testRef('rate-b');
      await append(store, a, [{ at: at(10), event: { type: 'rated', answerSeq: 3, helpful: true, question: 'lệ phí bao nhiêu', intent: 'ket-hon' } }]);
      await append(store, b, [{ at: at(5), event: { type: 'rated', answerSeq: 2, helpful: false } }]);
      await append(store, b, [{ at: at(20), event: { type: 'rated', answerSeq: 7, helpful: true, question: 'ở đâu' } }]);

      expect(await store.ratings()).toEqual([
        { conversationKey: 'test:rate-b', answerSeq: 2, helpful: false, at: at(5) },
        { conversationKey: 'test:rate-a', answerSeq: 3, helpful: true, question: 'lệ phí bao nhiêu', intent: 'ket-hon', at: at(10) },
        { conversationKey: 'test:rate-b', answerSeq: 7, helpful: true, question: 'ở đâu', at: at(20) },
      ]);
      expect((await store.ratings({ since: at(10) })).map((r) => r.answerSeq)).toEqual([3, 7]);

      await append(store, a, [{ at: at(30), event: { type: 'rated', answerSeq: 3, helpful: false, question: 'lệ phí bao nhiêu' } }]);
      expect(await store.ratings({ since: at(10) })).toEqual([
        { conversationKey: 'test:rate-b', answerSeq: 7, helpful: true, question: 'ở đâu', at: at(20) },
        { conversationKey: 'test:rate-a', answerSeq: 3, helpful: false, question: 'lệ phí bao nhiêu', at: at(30) },
      ]);
    });

    it('blanks the texts of events older than the cutoff only and counts them', async () => {
      const ref = testRef('purge');
      const other = testRef('purge-other');
      const old: NewEvent[] = [
        { at: at(1), event: said('số CCCD của tôi là 012345678901', 'm1') },
        { at: at(2), event: { type: 'understood', outcome: 'fallback', ranked: [] } },
        {
          at: at(3),
          event: {
            type: 'bot_replied',
            replies: [
              { kind: 'text', text: 'Xin lỗi' },
              { kind: 'choices', text: 'Bạn hỏi về:', choices: [{ title: 'Khai sinh', payload: 'p:ks' }] },
              { kind: 'handover', text: 'Đã chuyển cán bộ', reason: 'unresolved' },
            ],
          },
        },
        { at: at(4), event: { type: 'handover_opened', reason: 'unresolved' } },
        { at: at(5), event: { type: 'officer_replied', officer: 'lan', text: 'Bạn gửi giúp số điện thoại' } },
        { at: at(6), event: { type: 'user_said', platformMessageId: 'm2', payload: 'p:ks' } },
        { at: at(7), event: { type: 'rated', answerSeq: 3, helpful: false, question: 'số CCCD của tôi', intent: 'khai-sinh' } },
      ];
      const recent: NewEvent[] = [
        { at: at(100), event: said('còn gì nữa', 'm3') },
        { at: at(101), event: { type: 'officer_replied', officer: 'lan', text: 'Hết rồi' } },
        { at: at(102), event: { type: 'rated', answerSeq: 9, helpful: true, question: 'còn gì nữa' } },
      ];
      await append(store, ref, [...old, ...recent]);
      await append(store, other, [{ at: at(8), event: said('tin khác', 'o1') }]);
      const cutoff = at(50);

      expect(await store.purgeTexts(cutoff)).toBe(5);

      const events = (await store.history(conversationKey(ref))).map((e) => e.event);
      expect(events).toEqual([
        { type: 'user_said', platformMessageId: 'm1' },
        old[1]?.event,
        {
          type: 'bot_replied',
          replies: [
            { kind: 'text', text: '[đã xóa]' },
            { kind: 'choices', text: '[đã xóa]', choices: [{ title: 'Khai sinh', payload: 'p:ks' }] },
            { kind: 'handover', text: '[đã xóa]', reason: 'unresolved' },
          ],
        },
        old[3]?.event,
        { type: 'officer_replied', officer: 'lan', text: '[đã xóa]' },
        old[5]?.event,
        { type: 'rated', answerSeq: 3, helpful: false, intent: 'khai-sinh' },
        ...recent.map((e) => e.event),
      ]);
      expect((await store.history('test:purge-other')).map((e) => e.event)).toEqual([{ type: 'user_said', platformMessageId: 'o1' }]);
      expect(await store.ratings()).toEqual([
        { conversationKey: 'test:purge', answerSeq: 3, helpful: false, intent: 'khai-sinh', at: at(7) },
        { conversationKey: 'test:purge', answerSeq: 9, helpful: true, question: 'còn gì nữa', at: at(102) },
      ]);
      expect((await store.openHandovers()).map((h) => h.conversationKey)).toEqual(['test:purge']);
      expect(await store.purgeTexts(cutoff)).toBe(0);
    });

    it('is ready once opened', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}
