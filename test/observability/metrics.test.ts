import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assembleBot } from '../../src/bot.js';
import { DeliveryError, type ChannelAdapter } from '../../src/channels/channel-adapter.js';
import { defaultContentPaths } from '../../src/content/content-bundle.js';
import { readContentFolders } from '../../src/content/content-files.js';
import { ContentPublisher } from '../../src/content-versions/content-publisher.js';
import { openContentVersions } from '../../src/content-versions/open-content-versions.js';
import { Logger } from '../../src/logging/logger.js';
import { startServer } from '../../src/server/app-server.js';
import { LoopbackAdapter } from '../server/fixtures/loopback-adapter.js';

const dir = mkdtempSync(join(tmpdir(), 'metrics-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A second channel whose platform refuses every delivery for good (a blocked bot). */
class RefusingAdapter implements ChannelAdapter {
  readonly channel = 'refusing';
  async deliver(): Promise<void> {
    throw new DeliveryError('blocked by the user', { permanent: true });
  }
}

async function until(check: () => Promise<boolean>, ms: number): Promise<void> {
  const end = Date.now() + ms;
  // A scrape may hit a keep-alive socket the server just closed: try again.
  while (!(await check().catch(() => false))) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The value of one sample line of the Prometheus text format, 0 when absent. */
function sample(text: string, name: string, labels = ''): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels ? `{${labels}}` : ''} `));
  return line ? Number(line.split(' ').pop()) : 0;
}

describe('GET /metrics', () => {
  it('is not served without METRICS_TOKEN', async () => {
    const running = await startServer({
      config: { dataDir: join(dir, 'none'), contextTtlMinutes: 30, retentionDays: 180, logLevel: 'error' },
      port: 0,
      host: '127.0.0.1',
      logger: new Logger({ write: () => undefined }),
      channels: () => [],
      metricsToken: '',
    });
    try {
      expect((await fetch(`${running.url}/metrics`)).status).toBe(404);
    } finally {
      await running.stop();
    }
  });

  it('needs the token, then counts turns, NLU time, queue depths, delivery failures and adopted versions', async () => {
    const dataDir = join(dir, 'on');
    const running = await startServer({
      config: { dataDir, contextTtlMinutes: 30, retentionDays: 180, logLevel: 'error' },
      port: 0,
      host: '127.0.0.1',
      logger: new Logger({ write: () => undefined }),
      channels: () => [new LoopbackAdapter(join(dir, 'deliveries.jsonl')), new RefusingAdapter()],
      idleMs: 20,
      contentPollMs: 100,
      metricsToken: 'tok-123',
    });
    const scrape = async () => (await fetch(`${running.url}/metrics`, { headers: { authorization: 'Bearer tok-123' } })).text();
    try {
      expect((await fetch(`${running.url}/metrics`)).status).toBe(401);
      expect((await fetch(`${running.url}/metrics`, { headers: { authorization: 'Bearer tok-12' } })).status).toBe(401);
      expect((await fetch(`${running.url}/metrics`, { headers: { authorization: 'Bearer tok-1234' } })).status).toBe(401);

      const post = (id: string, text: string) =>
        fetch(`${running.url}/test/inbound`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id, conversation: 'c1', text }) });
      await post('m1', 'thủ tục đăng ký kết hôn');
      await post('m2', '');
      await running.queue.accept({ channel: 'refusing', platformMessageId: 'r1', conversationId: 'r', userId: 'r', text: 'xin chào', receivedAt: new Date() });
      await until(async () => sample(await scrape(), 'bot_delivery_failures_total', 'channel="refusing",result="given_up"') === 1, 10_000);

      const text = await scrape();
      expect(sample(text, 'bot_turns_total', 'channel="loopback",outcome="answered"')).toBe(1);
      expect(sample(text, 'bot_turns_total', 'channel="loopback",outcome="invalid"')).toBe(1);
      expect(sample(text, 'bot_turn_duration_seconds_count', 'channel="loopback"')).toBe(2);
      expect(sample(text, 'bot_nlu_duration_seconds_count')).toBeGreaterThanOrEqual(2);
      expect(sample(text, 'bot_queue_depth', 'queue="outbox_failed"')).toBe(1);
      expect(text).toContain('bot_queue_depth{queue="inbox_pending"} 0');
      expect(text).toContain('process_resident_memory_bytes');

      // Another process (the CLI) publishes; this instance adopts the version.
      const versions = await openContentVersions({ dataDir });
      try {
        const publisher = new ContentPublisher({ store: versions, seed: () => readContentFolders(defaultContentPaths()), assemble: (c, n) => assembleBot(c, n) });
        await publisher.importFiles(readContentFolders(defaultContentPaths()), 'cli', true);
      } finally {
        await versions.close();
      }
      await until(async () => sample(await scrape(), 'bot_content_publish_events_total', 'event="adopted"') === 1, 30_000);
    } finally {
      await running.stop();
    }
  }, 60_000);
});
