import { afterEach, describe, expect, it } from 'vitest';
import { TelegramAdapter } from '../../src/channels/telegram/telegram-adapter.js';
import { Logger } from '../../src/logging/logger.js';
import { FakeTelegramServer } from './fake-telegram-server.js';
import { MemoryInbox } from './memory-inbox.js';
import { callbackUpdate, messageUpdate, photo, textUpdate } from './telegram-updates.js';
import { waitUntil } from './wait-until.js';

const TOKEN = '123456789:AAF-test_token';
let fake: FakeTelegramServer;
let adapter: TelegramAdapter | undefined;
let logs: string[];

async function startPolling(prepare?: (fake: FakeTelegramServer) => void): Promise<MemoryInbox> {
  fake = await FakeTelegramServer.start(TOKEN);
  prepare?.(fake);
  logs = [];
  const inbox = new MemoryInbox();
  adapter = new TelegramAdapter({
    token: TOKEN,
    apiRoot: fake.apiRoot,
    logger: new Logger({ write: (line) => logs.push(line) }, 'debug'),
    polling: { retryDelayMs: 50 },
  });
  await adapter.start(inbox);
  return inbox;
}

afterEach(async () => {
  await adapter?.stop();
  adapter = undefined;
  await fake.close();
});

describe('Telegram long polling', () => {
  it('delivers a text message into the inbox with string ids, then confirms it with the next offset', async () => {
    const inbox = await startPolling();
    const queued = fake.queueUpdate(textUpdate(5550001, 42, 'Làm căn cước cần giấy tờ gì?'));
    const [update] = await waitUntil(() => inbox.stored.length === 1 && inbox.stored, 'the update in the inbox');
    expect(update).toMatchObject({
      channel: 'telegram',
      platformMessageId: '5550001:42',
      conversationId: '5550001',
      userId: '5550001',
      text: 'Làm căn cước cần giấy tờ gì?',
    });
    expect(update?.payload).toBeUndefined();
    expect(update?.receivedAt).toBeInstanceOf(Date);
    await waitUntil(() => fake.pollOffsets.includes(queued.update_id + 1), 'getUpdates confirming the update');
  });

  it('turns a tapped button into its payload and answers the callback query', async () => {
    const inbox = await startPolling();
    fake.queueUpdate(callbackUpdate(5550002, '9001', 'i:thu_tuc.ket_hon:fee'));
    await waitUntil(() => fake.answeredCallbackQueries.includes('9001'), 'answerCallbackQuery');
    expect(inbox.stored).toEqual([
      expect.objectContaining({ platformMessageId: 'callback:9001', conversationId: '5550002', userId: '5550002', payload: 'i:thu_tuc.ket_hon:fee' }),
    ]);
    expect(inbox.stored[0]?.text).toBeUndefined();
  });

  it('maps /start to "follow", /help and /reset to Vietnamese text, and ignores commands for another bot', async () => {
    const inbox = await startPolling();
    fake.queueUpdate(textUpdate(5550003, 1, '/start'));
    fake.queueUpdate(textUpdate(5550003, 2, '/help'));
    fake.queueUpdate(textUpdate(5550003, 3, '/start@some_other_bot'));
    const last = fake.queueUpdate(textUpdate(5550003, 4, '/reset@tro_ly_dvc_bot'));
    await waitUntil(() => fake.pollOffsets.includes(last.update_id + 1), 'all four commands handled');
    expect(inbox.stored.map((u) => [u.platformMessageId, u.payload ?? u.text])).toEqual([
      ['5550003:1', 'follow'],
      ['5550003:2', 'giúp tôi với'],
      ['5550003:4', 'bắt đầu lại'],
    ]);
  });

  it('stores photos, stickers, documents, locations and voice as "unsupported"; service messages not at all', async () => {
    const inbox = await startPolling();
    fake.queueUpdate(messageUpdate(5550004, 1, { photo, caption: 'ảnh CCCD' }));
    fake.queueUpdate(messageUpdate(5550004, 2, { sticker: { file_id: 's', file_unique_id: 's', type: 'regular', width: 512, height: 512, is_animated: false, is_video: false } }));
    fake.queueUpdate(messageUpdate(5550004, 3, { document: { file_id: 'd', file_unique_id: 'd', file_name: 'to-khai.pdf' } }));
    fake.queueUpdate(messageUpdate(5550004, 4, { location: { latitude: 13.1, longitude: 108.9 } }));
    fake.queueUpdate(messageUpdate(5550004, 5, { voice: { file_id: 'v', file_unique_id: 'v', duration: 3 } }));
    fake.queueUpdate(messageUpdate(5550004, 6, { new_chat_title: 'Nhóm hỏi đáp' }));
    fake.queueUpdate(textUpdate(5550004, 7, 'xin chào'));
    await waitUntil(() => inbox.stored.some((u) => u.text === 'xin chào'), 'the last message');
    expect(inbox.stored.map((u) => [u.platformMessageId, u.payload ?? u.text])).toEqual([
      ['5550004:1', 'unsupported'],
      ['5550004:2', 'unsupported'],
      ['5550004:3', 'unsupported'],
      ['5550004:4', 'unsupported'],
      ['5550004:5', 'unsupported'],
      ['5550004:7', 'xin chào'],
    ]);
  });

  it('stores an update delivered twice only once', async () => {
    const inbox = await startPolling();
    const again = textUpdate(5550005, 8, 'lệ phí đăng ký khai sinh');
    fake.queueUpdate(again);
    fake.queueUpdate(again);
    const last = fake.queueUpdate(textUpdate(5550005, 9, 'cảm ơn'));
    await waitUntil(() => fake.pollOffsets.includes(last.update_id + 1), 'all three updates handled');
    expect(inbox.stored.map((u) => u.platformMessageId)).toEqual(['5550005:8', '5550005:9']);
  });

  it('does not confirm an update the inbox failed to store: it is fetched again and stored once', async () => {
    const inbox = await startPolling();
    inbox.failNext(1);
    const queued = fake.queueUpdate(textUpdate(5550006, 1, 'hồ sơ kết hôn'));
    await waitUntil(() => inbox.stored.length === 1, 'the update stored after a retry');
    const offsetsAfterFailure = fake.pollOffsets.slice(1);
    // The poll right after the failure asks from the same offset again, not past the update.
    expect(offsetsAfterFailure[0]).toBeLessThanOrEqual(queued.update_id);
    expect(inbox.stored).toHaveLength(1);
    expect(logs.some((l) => l.includes('could not be stored'))).toBe(true);
  });

  it('keeps polling after Telegram answers getUpdates with 429 and retry_after', async () => {
    const inbox = await startPolling((f) =>
      f.failNext('getUpdates', { error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } }),
    );
    const started = Date.now();
    fake.queueUpdate(textUpdate(5550007, 1, 'giờ làm việc'));
    await waitUntil(() => inbox.stored.length === 1, 'the update after the back-off');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(fake.calls.filter((m) => m === 'getUpdates').length).toBeGreaterThanOrEqual(2);
  });

  it('stops promptly while a getUpdates request is held open, and stores nothing afterwards', async () => {
    const inbox = await startPolling();
    await waitUntil(() => fake.pollOffsets.length >= 1, 'a held getUpdates');
    const started = Date.now();
    await adapter!.stop();
    expect(Date.now() - started).toBeLessThan(2000);
    fake.queueUpdate(textUpdate(5550008, 1, 'còn ai không?'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(inbox.stored).toEqual([]);
  });

  it('refuses to start with a token Telegram does not know', async () => {
    fake = await FakeTelegramServer.start(TOKEN);
    const wrong = new TelegramAdapter({ token: '987654321:AAwrong', apiRoot: fake.apiRoot, logger: new Logger({ write: () => undefined }) });
    await expect(wrong.start(new MemoryInbox())).rejects.toThrow(/401/);
    await wrong.stop();
  });
});
