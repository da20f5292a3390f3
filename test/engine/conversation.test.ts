import { beforeAll, describe, expect, it } from 'vitest';
import { createBot, type Bot } from '../../src/bot.js';
import type { IncomingMessage } from '../../src/engine/incoming-message.js';
import type { Reply } from '../../src/engine/reply.js';

let bot: Bot;
beforeAll(() => {
  bot = createBot();
});

/** A little chat driver: each call sends one message in the same conversation. */
function chat(conversationId = `c${Math.random()}`) {
  let n = 0;
  let clock = Date.parse('2026-11-25T08:00:00Z');
  return {
    async say(text: string, opts: { payload?: string; afterMinutes?: number } = {}) {
      clock += (opts.afterMinutes ?? 1) * 60_000;
      const message: IncomingMessage = {
        channel: 'test',
        conversationId,
        userId: 'u1',
        platformMessageId: String(++n),
        ...(opts.payload ? { payload: opts.payload } : { text }),
        receivedAt: new Date(clock),
      };
      return bot.engine.handleTurn(message);
    },
  };
}

const choicesOf = (replies: readonly Reply[]) => replies.flatMap((r) => (r.kind === 'choices' ? r.choices : []));

describe('conversation behaviour', () => {
  it('keeps the procedure for a follow-up that names only an aspect', async () => {
    const c = chat();
    const first = await c.say('Cho em hỏi thủ tục đăng ký kết hôn');
    expect(first.intent).toBe('thu_tuc.ket_hon');
    const second = await c.say('thế lệ phí bao nhiêu?');
    expect(second.intent).toBe('thu_tuc.ket_hon');
    expect(second.aspect).toBe('le_phi');
    const third = await c.say('nop o dau vay');
    expect(third.intent).toBe('thu_tuc.ket_hon');
    expect(third.aspect).toBe('noi_nop');
  });

  it('keeps the procedure for a follow-up of cue and filler words only, however sure the classifier is that it is out of scope', async () => {
    const c = chat();
    expect((await c.say('xin giấy xác nhận tình trạng hôn nhân')).intent).toBe('thu_tuc.xac_nhan_hon_nhan');
    for (const [text, aspect] of [['mat may tuan', 'thoi_gian'], ['the thi di dau lam', 'noi_nop']] as const) {
      const turn = await c.say(text);
      expect(turn.analysis?.ranked[0]?.intent).toBe('ngoai_pham_vi');
      expect(turn.intent).toBe('thu_tuc.xac_nhan_hon_nhan');
      expect(turn.aspect).toBe(aspect);
    }
  });

  it('does not read an out-of-scope question as a follow-up just because it has a fee or "how" word', async () => {
    const c = chat();
    await c.say('thủ tục đăng ký khai sinh');
    expect((await c.say('giá vàng hôm nay bao nhiêu')).outcome).toBe('fallback');
    const c2 = chat();
    await c2.say('thủ tục đăng ký khai sinh');
    expect((await c2.say('thời tiết ngày mai thế nào')).outcome).toBe('fallback');
  });

  it('switches procedure and keeps the aspect for "còn … thì sao?"', async () => {
    const c = chat();
    await c.say('Đăng ký khai sinh thì nộp hồ sơ ở đâu?');
    const next = await c.say('còn khai tử thì sao?');
    expect(next.intent).toBe('thu_tuc.khai_tu');
    expect(next.aspect).toBe('noi_nop');
  });

  it('forgets the context after the idle time', async () => {
    const c = chat();
    await c.say('thủ tục đăng ký kết hôn');
    const late = await c.say('lệ phí bao nhiêu', { afterMinutes: 45 });
    expect(late.intent).not.toBe('thu_tuc.ket_hon');
  });

  it('starts over on "bắt đầu lại"', async () => {
    const c = chat();
    await c.say('thủ tục đăng ký kết hôn');
    expect((await c.say('Bắt đầu lại')).outcome).toBe('reset');
    expect((await c.say('lệ phí bao nhiêu')).intent).not.toBe('thu_tuc.ket_hon');
  });

  it('answers greetings and thanks', async () => {
    const c = chat();
    expect((await c.say('chào bạn')).intent).toBe('hoi_thoai.chao');
    expect((await c.say('cảm ơn nhiều nhé')).intent).toBe('hoi_thoai.cam_on');
  });

  it('hands over to an officer when asked', async () => {
    const c = chat();
    const r = await c.say('cho tôi nói chuyện với cán bộ');
    expect(r.outcome).toBe('handover');
    expect(r.replies.some((x) => x.kind === 'handover')).toBe(true);
  });

  it('falls back politely out of scope, then offers an officer on the second failure', async () => {
    const c = chat();
    const first = await c.say('hôm nay đội tuyển Việt Nam đá với ai');
    expect(first.outcome).toBe('fallback');
    expect(first.replies[0]!.kind === 'text' && first.replies[0]!.text).toContain('Xin lỗi');
    const second = await c.say('giá vàng hôm nay bao nhiêu');
    expect(second.outcome).toBe('fallback');
    const offered = choicesOf(second.replies);
    expect(offered.map((o) => o.payload)).toContain('officer');
    const picked = await c.say('1');
    expect(picked.outcome).toBe('handover');
  });

  it('accepts a choice by tapping, by number and by typing its title without accents', async () => {
    const c = chat();
    const tapped = await c.say('', { payload: 'i:thu_tuc.khai_sinh:le_phi' });
    expect(tapped.intent).toBe('thu_tuc.khai_sinh');
    expect(tapped.aspect).toBe('le_phi');

    const c2 = chat();
    await c2.say('hôm nay trời nắng không');
    const fallback = await c2.say('', { payload: 'none' });
    expect(fallback.outcome).toBe('fallback');
    const officer = choicesOf(fallback.replies);
    expect(officer.length).toBeGreaterThan(0);
    const byTitle = await c2.say('gap can bo');
    expect(byTitle.outcome).toBe('handover');
  });

  it('asks for a number in range when a wrong number is typed', async () => {
    const c = chat();
    await c.say('hôm nay trời nắng không');
    await c.say('giá vàng hôm nay');
    const r = await c.say('7');
    expect(r.outcome).toBe('invalid');
  });

  it('replies politely to empty, whitespace and huge messages without throwing', async () => {
    const c = chat();
    expect((await c.say('   ')).outcome).toBe('invalid');
    const huge = await c.say('khai sinh '.repeat(5000));
    expect(huge.replies.length).toBeGreaterThan(0);
    const junk = await c.say('', { payload: 'i:<script>' });
    expect(junk.outcome).toBe('fallback');
  });

  it('processes turns of one conversation in arrival order even when sent at once', async () => {
    const c = chat();
    const results = await Promise.all([c.say('thủ tục đăng ký kết hôn'), c.say('lệ phí bao nhiêu'), c.say('mất mấy ngày')]);
    expect(results.map((r) => r.intent)).toEqual(['thu_tuc.ket_hon', 'thu_tuc.ket_hon', 'thu_tuc.ket_hon']);
    expect(results.map((r) => r.aspect)).toEqual(['tong_quan', 'le_phi', 'thoi_gian']);
  });
});

describe('answer units in the first reply', () => {
  const textOf = (replies: readonly Reply[]) => replies.map((r) => r.text).join('\n');

  it('answers a procedure case with the case\'s own fact and its sources', async () => {
    const r = await chat().say('xin cấp bản sao văn bằng từ sổ gốc thì có thu tiền không');
    expect(r.intent).toBe('thu_tuc.chung_thuc');
    expect(r.aspect).toBe('le_phi');
    expect(textOf(r.replies)).toContain('không thu phí');
    expect(textOf(r.replies)).toContain('Nguồn:');
  });

  it('answers a topic detail, not the overview, when the question asks for it', async () => {
    const r = await chat().say('nếu tôi tố cáo thì tên tuổi tôi có bị tiết lộ ra ngoài không');
    expect(r.intent).toBe('cong_dan.khieu_nai_to_cao');
    expect(textOf(r.replies)).toContain('Người tố cáo được bảo vệ');
    expect(textOf(r.replies)).toContain('Nguồn:');
  });

  it('still gives the overview to a general question', async () => {
    const r = await chat().say('cho tôi hỏi về khiếu nại tố cáo');
    expect(textOf(r.replies)).toContain('Khiếu nại: khi Anh/Chị cho rằng');
  });
});
