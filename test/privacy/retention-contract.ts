import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { conversationKey, type ConversationRef } from '../../src/engine/conversation-store.js';
import type { NewEvent } from '../../src/engine/conversation-events.js';
import { PURGED_TEXT } from '../../src/store/purged-text.js';
import type { AllStores } from './open-all-stores.js';

const at = (seconds: number): Date => new Date(Date.UTC(2025, 0, 1) + seconds * 1000);
const OLD = 10;
const NEW = 2000;
const CUTOFF = at(1000);
const LEASE_MS = 60_000;
const ref: ConversationRef = { channel: 'zalo', conversationId: '777', userId: '777' };
const key = conversationKey(ref);

/**
 * Retention on every table that holds message text: what the server's daily purge (and
 * `npm run -s cli -- purge`) runs, each store's `purgeTexts`, blanks the old and keeps the new.
 */
export function retentionContract(name: string, open: () => Promise<AllStores>): void {
  describe(`${name}: retention purge`, () => {
    let all: AllStores;
    beforeEach(async () => {
      all = await open();
    });
    afterEach(async () => {
      await all.dispose();
    });
    const purge = async (): Promise<number> => (await Promise.all([all.store, all.queue, all.turnLog].map((s) => s.purgeTexts(CUTOFF)))).reduce((a, b) => a + b, 0);
    const turn = (events: NewEvent[]) => all.store.withTurn(ref, () => ({ result: undefined, events }));
    const eventsNow = async () => (await all.store.history(key)).map((e) => e.event);

    it('events: what the citizen said', async () => {
      await turn([{ at: at(OLD), event: { type: 'user_said', platformMessageId: 'a', text: 'cũ 0912345678' } }]);
      await turn([{ at: at(NEW), event: { type: 'user_said', platformMessageId: 'b', text: 'mới' } }]);
      await purge();
      expect(await eventsNow()).toEqual([
        { type: 'user_said', platformMessageId: 'a' },
        { type: 'user_said', platformMessageId: 'b', text: 'mới' },
      ]);
    });

    it("events: the bot's and the officer's replies", async () => {
      await turn([
        { at: at(OLD), event: { type: 'bot_replied', replies: [{ kind: 'text', text: 'đáp cũ' }] } },
        { at: at(OLD), event: { type: 'officer_replied', officer: 'cb', text: 'cán bộ cũ' } },
      ]);
      await turn([
        { at: at(NEW), event: { type: 'bot_replied', replies: [{ kind: 'text', text: 'đáp mới' }] } },
        { at: at(NEW), event: { type: 'officer_replied', officer: 'cb', text: 'cán bộ mới' } },
      ]);
      await purge();
      expect(await eventsNow()).toEqual([
        { type: 'bot_replied', replies: [{ kind: 'text', text: PURGED_TEXT }] },
        { type: 'officer_replied', officer: 'cb', text: PURGED_TEXT },
        { type: 'bot_replied', replies: [{ kind: 'text', text: 'đáp mới' }] },
        { type: 'officer_replied', officer: 'cb', text: 'cán bộ mới' },
      ]);
    });

    it('ratings: the rated question, in the event and in the ratings table', async () => {
      await turn([{ at: at(OLD), event: { type: 'rated', answerSeq: 1, helpful: false, question: 'hỏi cũ' } }]);
      await turn([{ at: at(NEW), event: { type: 'rated', answerSeq: 2, helpful: true, question: 'hỏi mới' } }]);
      await purge();
      expect((await all.store.ratings()).map((r) => r.question)).toEqual([undefined, 'hỏi mới']);
      expect((await eventsNow()).map((e) => (e.type === 'rated' ? e.question : '?'))).toEqual([undefined, 'hỏi mới']);
    });

    it('inbox and outbox: handled message texts and replies', async () => {
      for (const [id, seconds] of [['old', OLD], ['new', NEW]] as const) {
        await all.queue.accept({ channel: 'zalo', platformMessageId: id, conversationId: '777', userId: '777', text: `tin ${id}`, receivedAt: at(seconds) });
        const item = (await all.queue.claimInbound(at(seconds), LEASE_MS))!;
        await all.queue.completeInbound(item.id, { channel: 'zalo', conversationId: '777', replies: [{ kind: 'text', text: `đáp ${id}` }] }, at(seconds));
        await all.queue.completeOutbound((await all.queue.claimOutbound(at(seconds), LEASE_MS))!.id, at(seconds));
      }
      await purge();
      const { inbox, outbox } = await all.queue.itemsOf(ref, ['777']);
      expect(inbox.map((i) => i.text)).toEqual([undefined, 'tin new']);
      expect(outbox.map((o) => o.replies.map((r) => r.text))).toEqual([[], ['đáp new']]);
    });

    it('turn log: texts and folded texts; review statuses of questions no kept turn asks', async () => {
      const record = (seconds: number, text: string) =>
        all.turnLog.record({ at: at(seconds), channel: 'zalo', conversationKey: key, text, folded: text, outcome: 'fallback', topIntents: [], latencyMs: 1 });
      await record(OLD, 'cu');
      await record(NEW, 'moi');
      await all.turnLog.setStatus('cu', 'ignored', { user: 'cb', at: at(OLD) });
      await all.turnLog.setStatus('moi', 'ignored', { user: 'cb', at: at(OLD) });
      await purge();
      expect((await all.turnLog.turnsOf([key])).map((t) => [t.text, t.folded])).toEqual([[undefined, undefined], ['moi', 'moi']]);
      expect(await all.turnLog.statuses(['cu', 'moi'])).toEqual(new Map([['moi', 'ignored']]));
    });
  });
}
