import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../src/channels/channel-adapter.js';
import { TelegramAdapter } from '../../src/channels/telegram/telegram-adapter.js';
import type { Reply } from '../../src/engine/reply.js';
import { Logger } from '../../src/logging/logger.js';
import { FakeTelegramServer } from './fake-telegram-server.js';

const TOKEN = '123456789:AAF-test_token';
const CHAT = '5551234';
let fake: FakeTelegramServer;
let adapter: TelegramAdapter;

beforeEach(async () => {
  fake = await FakeTelegramServer.start(TOKEN);
  adapter = new TelegramAdapter({ token: TOKEN, apiRoot: fake.apiRoot, logger: new Logger({ write: () => undefined }) });
});

afterEach(async () => {
  await fake.close();
});

const rating = { helpful: 'r:17:1', notHelpful: 'r:17:0' };

async function deliveryError(replies: readonly Reply[]): Promise<DeliveryError> {
  const error: unknown = await adapter.deliver(CHAT, replies).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}

describe('Telegram delivery', () => {
  it('renders choices as an inline keyboard, one button per row, with the rating as the last row', async () => {
    await adapter.deliver(CHAT, [
      {
        kind: 'choices',
        text: 'Đăng ký kết hôn — Anh/Chị muốn xem phần nào?',
        choices: [
          { title: 'Hồ sơ', payload: 'i:thu_tuc.ket_hon:documents' },
          { title: 'Lệ phí', payload: 'i:thu_tuc.ket_hon:fee' },
        ],
        rating,
      },
    ]);
    expect(fake.sent).toHaveLength(1);
    const [message] = fake.sent;
    expect(message).toMatchObject({ chatId: CHAT, parseMode: 'HTML', visibleText: 'Đăng ký kết hôn — Anh/Chị muốn xem phần nào?' });
    expect(message?.replyMarkup?.inline_keyboard).toEqual([
      [{ text: 'Hồ sơ', callback_data: 'i:thu_tuc.ket_hon:documents' }],
      [{ text: 'Lệ phí', callback_data: 'i:thu_tuc.ket_hon:fee' }],
      [
        { text: '👍 Hữu ích', callback_data: 'r:17:1' },
        { text: '👎 Chưa hữu ích', callback_data: 'r:17:0' },
      ],
    ]);
  });

  it('falls back to numbered lines when a payload does not fit in 64 bytes of callback data', async () => {
    const tooLong = `i:${'thu_tuc.'.repeat(8)}`;
    expect(Buffer.byteLength(tooLong)).toBeGreaterThan(64);
    await adapter.deliver(CHAT, [
      { kind: 'choices', text: 'Anh/Chị chọn:', choices: [{ title: 'Khai sinh', payload: 'i:thu_tuc.khai_sinh' }, { title: 'Kết hôn', payload: tooLong }] },
    ]);
    expect(fake.sent).toHaveLength(1);
    expect(fake.sent[0]?.visibleText).toBe('Anh/Chị chọn:\n  1. Khai sinh\n  2. Kết hôn');
    expect(fake.sent[0]?.replyMarkup).toBeUndefined();
  });

  it('shows HTML typed by a citizen or written by staff literally', async () => {
    const text = 'Anh/Chị gõ "<b>hồ sơ</b>" & <script>alert(1)</script> — 5 > 3';
    await adapter.deliver(CHAT, [
      { kind: 'text', text },
      { kind: 'choices', text: 'Chọn <i>một</i> mục:', choices: [{ title: '<b>Lệ phí</b>', payload: 'i:thu_tuc.ket_hon:fee' }] },
    ]);
    expect(fake.sent.map((m) => m.visibleText)).toEqual([text, 'Chọn <i>một</i> mục:']);
    expect(fake.sent[0]?.text).toContain('&lt;b&gt;hồ sơ&lt;/b&gt;');
    expect(fake.sent[1]?.replyMarkup?.inline_keyboard[0]?.[0]?.text).toBe('<b>Lệ phí</b>');
  });

  it('splits a 9,000-character answer into messages of at most 4,096 characters, keyboard on the last', async () => {
    const sentence = 'Công dân nộp hồ sơ tại Bộ phận tiếp nhận và trả kết quả của Ủy ban nhân dân xã & phường. ';
    const text = sentence.repeat(Math.ceil(9000 / sentence.length)).slice(0, 9000).trim();
    await adapter.deliver(CHAT, [{ kind: 'text', text, rating }]);
    expect(fake.sent.length).toBeGreaterThanOrEqual(3);
    for (const m of fake.sent) expect(m.visibleText.length).toBeLessThanOrEqual(4096);
    expect(fake.sent.slice(0, -1).every((m) => m.visibleText.endsWith('phường.'))).toBe(true);
    expect(fake.sent.map((m) => m.visibleText).join(' ')).toBe(text);
    expect(fake.sent.slice(0, -1).every((m) => m.replyMarkup === undefined)).toBe(true);
    expect(fake.sent.at(-1)?.replyMarkup?.inline_keyboard).toHaveLength(1);
  });

  it('sends a handover and several replies in order, as plain messages', async () => {
    await adapter.deliver(CHAT, [
      { kind: 'text', text: 'Trợ lý chưa có câu trả lời.' },
      { kind: 'handover', text: 'Trợ lý đã chuyển câu hỏi cho cán bộ.', reason: 'unresolved' },
    ]);
    expect(fake.sent.map((m) => [m.visibleText, m.replyMarkup])).toEqual([
      ['Trợ lý chưa có câu trả lời.', undefined],
      ['Trợ lý đã chuyển câu hỏi cho cán bộ.', undefined],
    ]);
  });

  it('turns Telegram 429 into a DeliveryError carrying retry_after in milliseconds', async () => {
    fake.failNext('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 7', parameters: { retry_after: 7 } });
    const error = await deliveryError([{ kind: 'text', text: 'Xin chào' }]);
    expect(error.options).toEqual({ retryAfterMs: 7000 });
    expect(fake.sent).toEqual([]);
  });

  it('treats a blocked bot (403) as a permanent failure', async () => {
    fake.failNext('sendMessage', { error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    const error = await deliveryError([{ kind: 'text', text: 'Xin chào' }]);
    expect(error.options.permanent).toBe(true);
    expect(error.message).toContain('blocked');
  });

  it('treats an unreachable Bot API as retryable, without leaking the token', async () => {
    await fake.close();
    const error = await deliveryError([{ kind: 'text', text: 'Xin chào' }]);
    expect(error.options.permanent).toBeUndefined();
    expect(error.options.retryAfterMs).toBeUndefined();
    expect(error.message).not.toContain('AAF-test_token');
    fake = await FakeTelegramServer.start(TOKEN); // for afterEach
  });

  it('treats a Telegram server error (5xx) as retryable', async () => {
    fake.failNext('sendMessage', { error_code: 502, description: 'Bad Gateway' });
    const error = await deliveryError([{ kind: 'text', text: 'Xin chào' }]);
    expect(error.options).toEqual({});
  });
});
