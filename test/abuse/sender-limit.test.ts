import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContent, defaultContentPaths } from '../../src/content/content-bundle.js';
import { SenderLimit } from '../../src/server/sender-limit.js';
import { startFullServer, type FullServer } from '../support/full-server.js';

const update = (userId: string, text: string, channel = 'zalo') => ({ channel, userId, conversationId: userId, platformMessageId: `${userId}:${text}:${Math.random()}`, text, receivedAt: new Date() });

describe('the per-sender limit', () => {
  it('lets `limit` messages per window through, tells the sender once, then drops silently until the window passes', () => {
    const clock = { now: 0 };
    const limit = new SenderLimit({ limit: 3, windowMs: 10_000, repeatMs: 30_000 }, () => clock.now);
    const verdicts = Array.from({ length: 6 }, (_, i) => limit.check(update('a', `câu ${i}`)));
    expect(verdicts).toEqual(['ok', 'ok', 'ok', 'too_fast', 'over_limit', 'over_limit']);
    expect(limit.check(update('b', 'câu 0'))).toBe('ok'); // other senders are not affected
    expect(limit.check(update('a', 'câu 0', 'telegram'))).toBe('ok'); // the same id on another channel is another person
    clock.now = 10_001;
    expect(limit.check(update('a', 'câu mới'))).toBe('ok');
  });

  it('answers the same text once, however it is spaced or cased, until some time has passed', () => {
    const clock = { now: 0 };
    const limit = new SenderLimit({ limit: 100, windowMs: 10_000, repeatMs: 30_000 }, () => clock.now);
    expect(limit.check(update('a', 'Lệ phí bao nhiêu'))).toBe('ok');
    expect(limit.check(update('a', '  lệ  phí bao NHIÊU '))).toBe('repeated');
    clock.now = 29_000;
    expect(limit.check(update('a', 'lệ phí bao nhiêu'))).toBe('repeated');
    clock.now = 60_000;
    expect(limit.check(update('a', 'lệ phí bao nhiêu'))).toBe('ok');
  });
});

describe('a flooding sender on the running server', () => {
  let full: FullServer;
  beforeAll(async () => {
    full = await startFullServer();
  }, 60_000);
  afterAll(() => full?.close());

  it('gets the polite Vietnamese notice once and no more answers than the limit; the same text is answered once; others are answered', async () => {
    const tooFast = loadContent(defaultContentPaths()).messages.too_fast;
    for (let i = 0; i < 60; i++) expect((await full.sendZalo('5550001', `câu hỏi số ${i} về khai sinh`)).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await full.sendZalo('5550002', 'mua bán giấy tờ giả')).status).toBe(200);
    expect((await full.sendZalo('5550003', 'thủ tục đăng ký kết hôn')).status).toBe(200);
    const end = Date.now() + 60_000;
    const to = (user: string) => full.zalo.sent.filter((s) => s.userId === user);
    while ((to('5550003').length === 0 || (await full.running.queue.stats()).inboxPending > 0 || (await full.running.queue.stats()).outboxPending > 0) && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const flood = to('5550001');
    expect(flood.filter((s) => s.text === tooFast)).toHaveLength(1);
    expect(flood.length).toBeLessThanOrEqual(20 * 2 + 1); // at most 20 answered turns (an answer may take two messages) and the notice
    expect(to('5550002').length).toBeGreaterThan(0);
    expect(to('5550002').length).toBeLessThanOrEqual(2); // one turn
    expect(to('5550003').map((s) => s.text).join('\n')).toContain('kết hôn');
    const metrics = full.running.metrics.registry.getSingleMetric('bot_rate_limited_total');
    const values = (await metrics!.get()).values;
    expect(values.find((v) => v.labels.reason === 'rate')?.value).toBe(40);
    expect(values.find((v) => v.labels.reason === 'repeat')?.value).toBe(4);
  }, 90_000);
});
