import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createBot, type Bot } from '../bot.js';
import type { ChannelAdapter, Inbox } from '../channels/channel-adapter.js';
import type { AppConfig } from '../config.js';
import type { Logger } from '../logging/logger.js';
import { openStore } from '../store/open-store.js';
import { schedulePurge } from '../store/purge-schedule.js';
import { createHttpApp } from './http-app.js';
import { InboundWorker, DEFAULT_WORKER_OPTIONS } from './inbound-worker.js';
import type { MessageQueue } from './message-queue.js';
import { OutboxSender, DEFAULT_SENDER_OPTIONS } from './outbox-sender.js';
import { openQueue } from './queue/open-queue.js';

export interface ServerOptions {
  readonly config: AppConfig;
  readonly port: number;
  readonly host: string;
  readonly logger: Logger;
  /** The channels to run (web always; Telegram and Zalo when configured). */
  readonly channels: (bot: Bot) => ChannelAdapter[] | Promise<ChannelAdapter[]>;
  /** Shorter leases and polls for tests. */
  readonly leaseMs?: number;
  readonly idleMs?: number;
}

export interface RunningServer {
  readonly url: string;
  readonly server: Server;
  readonly bot: Bot;
  readonly queue: MessageQueue;
  stop(): Promise<void>;
}

/**
 * Starts everything on one listener: store and queue (SQLite by default, PostgreSQL when
 * configured), the engine, the channels, the inbound worker and the outbox sender.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { config, logger } = options;
  const where = { dataDir: config.dataDir, ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}) };
  const store = await openStore(where);
  const queue = await openQueue(where);
  const bot = createBot({ store, contextTtlMs: config.contextTtlMinutes * 60_000, logger });
  const adapters = await options.channels(bot);

  const timing = {
    ...(options.leaseMs !== undefined ? { leaseMs: options.leaseMs } : {}),
    ...(options.idleMs !== undefined ? { idleMs: options.idleMs } : {}),
  };
  const sender = new OutboxSender(queue, adapters, logger, { ...DEFAULT_SENDER_OPTIONS, ...timing });
  const worker = new InboundWorker(queue, bot.engine, logger, { ...DEFAULT_WORKER_OPTIONS, ...timing }, () => sender.notify());
  const inbox: Inbox = {
    accept: async (update) => {
      const stored = await queue.accept(update);
      if (stored === 'stored') worker.notify();
      return stored;
    },
  };

  const app = createHttpApp(
    adapters,
    [
      { name: 'store', check: () => store.ping() },
      { name: 'content', check: async () => void bot.content.intents.length },
    ],
    logger,
  );
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, () => resolve(s as Server));
  });
  for (const adapter of adapters) adapter.attach?.(server);
  for (const adapter of adapters) await adapter.start?.(inbox);
  worker.start();
  sender.start();
  const stopPurge = schedulePurge([store, queue], config.retentionDays, logger);
  const address = server.address() as AddressInfo;
  logger.info('server started', { port: address.port, channels: adapters.map((a) => a.channel) });

  return {
    url: `http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${address.port}`,
    server,
    bot,
    queue,
    async stop() {
      stopPurge();
      for (const adapter of adapters) await adapter.stop?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await worker.stop();
      await sender.stop();
      await queue.close();
      await store.close();
    },
  };
}
