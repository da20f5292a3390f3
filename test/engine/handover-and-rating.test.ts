import { beforeAll, describe, expect, it } from 'vitest';
import { createBot, type Bot } from '../../src/bot.js';
import { officerCommand } from '../../src/cli/commands/officer.js';
import type { ConversationStore } from '../../src/engine/conversation-store.js';
import { SqlMessageQueue } from '../../src/store/message-queue-store.js';
import { SqlConversationStore } from '../../src/store/conversation-store.js';

let bot: Bot;
let store: ConversationStore;
const queue = SqlMessageQueue.inMemory();
beforeAll(() => {
  store = SqlConversationStore.inMemory();
  bot = createBot({ store });
});

let n = 0;
const say = (conversationId: string, text: string, payload?: string) =>
  bot.engine.handleTurn({
    channel: 'test',
    conversationId,
    userId: 'u-' + conversationId,
    platformMessageId: String(++n),
    ...(payload ? { payload } : { text }),
    receivedAt: new Date(),
  });

async function cli(...args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const sink = { write: (s: string) => (out += s) };
  const code = await officerCommand(args, { out: sink, err: sink }, { store, queue });
  return { code, out };
}

describe('handover to an officer', () => {
  it('queues the conversation, keeps the bot silent while held, and resumes after release', async () => {
    const c = 'h1';
    await say(c, 'thủ tục đăng ký kết hôn');
    const asked = await say(c, 'tôi muốn gặp cán bộ');
    expect(asked.outcome).toBe('handover');
    const notice = asked.replies.find((r) => r.kind === 'handover');
    expect(notice?.text).toMatch(/giờ hành chính/);

    expect((await cli('list')).out).toContain('test:h1');
    const silent = await say(c, 'có ai không ạ, số tôi 0912345678');
    expect(silent.outcome).toBe('held');
    expect(silent.replies).toEqual([]);

    expect((await cli('reply', 'test:h1', 'Chào Anh/Chị, cán bộ tư pháp xin trả lời…', '--as', 'Lan')).code).toBe(0);
    const outgoing = await queue.claimOutbound(new Date(), 1000);
    expect(outgoing).toMatchObject({ channel: 'test', conversationId: 'h1', replies: [{ kind: 'text', text: 'Chào Anh/Chị, cán bộ tư pháp xin trả lời…' }] });
    const shown = (await cli('show', 'test:h1')).out;
    expect(shown).toContain('Cán bộ Lan: Chào Anh/Chị');
    expect(shown).toContain('*******678');
    expect(shown).not.toContain('0912345678');

    expect((await cli('release', 'test:h1')).code).toBe(0);
    expect((await cli('list')).out).not.toContain('test:h1');
    const back = await say(c, 'lệ phí đăng ký kết hôn bao nhiêu');
    expect(back.outcome).toBe('answered');
    expect(back.intent).toBe('thu_tuc.ket_hon');
  });

  it('after the release, a follow-up continues the procedure discussed during the handover, however long it lasted', async () => {
    const c = 'h2';
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
    const sayAt = (text: string, receivedAt: Date) =>
      bot.engine.handleTurn({ channel: 'test', conversationId: c, userId: 'u-h2', platformMessageId: String(++n), text, receivedAt });
    expect((await sayAt('cho tôi gặp cán bộ', twoHoursAgo)).outcome).toBe('handover');
    expect((await sayAt('tôi muốn đăng ký khai tử cho bố tôi', new Date(twoHoursAgo.getTime() + 60_000))).outcome).toBe('held');
    // The officer answers two hours later, then gives the conversation back.
    expect((await cli('reply', 'test:h2', 'Chào Anh/Chị, Anh/Chị nộp hồ sơ tại UBND xã nơi bố cư trú cuối cùng.', '--as', 'Lan')).code).toBe(0);
    expect((await cli('release', 'test:h2')).code).toBe(0);
    const followUp = await sayAt('thế lệ phí bao nhiêu?', new Date());
    expect(followUp.outcome).toBe('answered');
    expect(followUp.intent).toBe('thu_tuc.khai_tu');
    expect(followUp.aspect).toBe('le_phi');
  });

  it('refuses to reply to a conversation that is not waiting for an officer', async () => {
    expect((await cli('reply', 'test:nobody', 'xin chào')).code).toBe(1);
  });
});

describe('ratings', () => {
  it('stores a rating of an answer with the question that led to it', async () => {
    const answer = await say('r1', 'xin giấy xác nhận độc thân ở đâu');
    const last = answer.replies[answer.replies.length - 1]!;
    expect(last.kind !== 'handover' && last.rating).toBeTruthy();
    const rating = last.kind !== 'handover' ? last.rating! : undefined;
    const rated = await say('r1', '', rating!.notHelpful);
    expect(rated.outcome).toBe('rated');
    const stored = (await store.ratings()).find((r) => r.conversationKey === 'test:r1');
    expect(stored).toMatchObject({ helpful: false, question: 'xin giấy xác nhận độc thân ở đâu', intent: 'thu_tuc.xac_nhan_hon_nhan' });
  });
});

describe('a failing turn', () => {
  it('writes nothing and apologises with the hotline', async () => {
    const failing: ConversationStore = Object.assign(Object.create(store) as ConversationStore, {
      withTurn: () => Promise.reject(new Error('database unavailable')),
    });
    const broken = createBot({ store: failing });
    const before = (await store.history('test:f1')).length;
    const result = await broken.engine.handleTurn({
      channel: 'test',
      conversationId: 'f1',
      userId: 'u',
      platformMessageId: 'x',
      text: 'đăng ký khai sinh',
      receivedAt: new Date(),
    });
    expect(result.outcome).toBe('failed');
    expect(result.replies[0]!.text).toContain('1800 1096');
    expect((await store.history('test:f1')).length).toBe(before);
  });
});
