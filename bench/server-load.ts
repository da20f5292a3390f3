import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '../src/logging/logger.js';
import { startServer } from '../src/server/app-server.js';
import { round } from './measure.js';
import { RecordingChannel } from './recording-channel.js';

const QUESTIONS = ['thủ tục đăng ký kết hôn', 'lam cccd mat bao nhieu tien', 'chào bạn', 'nộp hồ sơ trực tuyến thế nào', 'giá vàng hôm nay'];

/**
 * Messages per second through webhook → inbox → engine → outbox → delivery on loopback with
 * SQLite, end-to-end latency per message, and a count of lost or duplicated replies.
 */
export async function serverLoad(messages: number, concurrency: number): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-'));
  const channel = new RecordingChannel();
  const server = await startServer({
    config: { dataDir: dir, contextTtlMinutes: 30, retentionDays: 180, logLevel: 'error' },
    port: 0,
    host: '127.0.0.1',
    logger: new Logger({ write: () => undefined }, 'error'),
    channels: () => [channel],
    idleMs: 5,
  });
  const sentAt = new Map<string, number>();
  const started = performance.now();
  let next = 0;
  const sender = async (): Promise<void> => {
    while (next < messages) {
      const i = next++;
      const conversation = `c${i}`; // one message per conversation: its delivery time is its latency
      sentAt.set(conversation, performance.now());
      await fetch(`${server.url}/bench/inbound`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id: `m${i}`, conversation, text: QUESTIONS[i % QUESTIONS.length] }),
      });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, sender));
  while ([...channel.delivered.values()].reduce((n, t) => n + t.length, 0) < messages && performance.now() - started < 120_000) {
    await new Promise((r) => setTimeout(r, 10));
  }
  const elapsed = (performance.now() - started) / 1000;
  await new Promise((r) => setTimeout(r, 300)); // late duplicates would show up here
  await server.stop();
  rmSync(dir, { recursive: true, force: true });

  const latencies = [...channel.delivered].map(([c, times]) => times[0]! - sentAt.get(c)!).sort((a, b) => a - b);
  const pick = (p: number): number => round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0);
  return {
    messages,
    concurrency,
    messagesPerSecond: round(messages / elapsed),
    latencyMs: { p50: pick(0.5), p99: pick(0.99) },
    lost: messages - channel.delivered.size,
    duplicated: [...channel.delivered.values()].filter((t) => t.length > 1).length,
  };
}
