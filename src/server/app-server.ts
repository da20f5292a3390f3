import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createAdminApp } from '../admin/admin-app.js';
import { createCitizenApp } from '../admin/citizens/citizen-app.js';
import { createContentApp } from '../admin/content/content-app.js';
import { createDocumentsApp } from '../admin/content/documents-app.js';
import { createHandoverApp } from '../admin/handovers/handover-app.js';
import { ensureInitialAdmin } from '../admin/ensure-initial-admin.js';
import { openStaffStore } from '../admin/open-staff-store.js';
import { mountWorkspacePage } from '../admin/workspace-page.js';
import { createDashboardApp } from '../admin/review/dashboard-app.js';
import { openTurnLog } from '../admin/review/open-turn-log.js';
import { createReviewApp } from '../admin/review/review-app.js';
import { createSpreadsheetApp } from '../admin/spreadsheets/spreadsheet-app.js';
import { turnRecorder } from '../admin/review/turn-recorder.js';
import { assembleBot, trainNlu } from '../bot.js';
import type { ChannelAdapter, Inbox } from '../channels/channel-adapter.js';
import type { AppConfig } from '../config.js';
import { defaultContentPaths, loadContentFiles } from '../content/content-bundle.js';
import { readContentFolders } from '../content/content-files.js';
import { ContentPublisher, type AssembleLiveBot } from '../content-versions/content-publisher.js';
import { ContentPoller } from '../content-versions/content-poller.js';
import { openContentVersions } from '../content-versions/open-content-versions.js';
import { LiveBot } from '../live-bot.js';
import type { Logger } from '../logging/logger.js';
import { BotMetrics } from '../observability/bot-metrics.js';
import { mountMetrics } from '../observability/metrics-route.js';
import { timedNlu } from '../observability/timed-nlu.js';
import { openStore } from '../store/open-store.js';
import { schedulePurge } from '../store/purge-schedule.js';
import { createHttpApp } from './http-app.js';
import { InboundWorker, DEFAULT_WORKER_OPTIONS } from './inbound-worker.js';
import type { MessageQueue } from './message-queue.js';
import { OutboxSender, DEFAULT_SENDER_OPTIONS } from './outbox-sender.js';
import { SenderLimit, type SenderLimitOptions } from './sender-limit.js';
import { textReply } from '../engine/reply.js';
import { openQueue } from './queue/open-queue.js';

export interface ServerOptions {
  readonly config: AppConfig;
  readonly port: number;
  readonly host: string;
  readonly logger: Logger;
  /** The channels to run (web always; Telegram and Zalo when configured). */
  readonly channels: (live: LiveBot) => ChannelAdapter[] | Promise<ChannelAdapter[]>;
  /** Shorter leases and polls for tests. */
  readonly leaseMs?: number;
  readonly idleMs?: number;
  /** How often the published content version is checked (other instances or the CLI may publish). */
  readonly contentPollMs?: number;
  /** Bearer token for GET /metrics; without one the route is not served. Default: METRICS_TOKEN. */
  readonly metricsToken?: string;
  /** Per-sender rate limit on every channel (default DEFAULT_SENDER_LIMIT). */
  readonly senderLimit?: SenderLimitOptions;
}

export interface RunningServer {
  readonly url: string;
  readonly server: Server;
  /** The bot serving now: the published content version, swapped when a newer one is published. */
  readonly live: LiveBot;
  readonly queue: MessageQueue;
  readonly metrics: BotMetrics;
  stop(): Promise<void>;
}

/**
 * Starts everything on one listener: store and queue (SQLite by default, PostgreSQL when
 * configured), the engine, the channels, the inbound worker and the outbox sender. The engine
 * serves the latest published content version from the store (the repository's intents/ and
 * data/ when none was published) and follows newer ones.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { config, logger } = options;
  const where = { dataDir: config.dataDir, ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}) };
  const store = await openStore(where);
  const queue = await openQueue(where);
  const versions = await openContentVersions(where);
  const staff = await openStaffStore(where);
  const turnLog = await openTurnLog(where);
  if ((await ensureInitialAdmin(staff, process.env)) === 'not-configured') {
    logger.warn('no staff account yet: set ADMIN_USERNAME and ADMIN_PASSWORD, or run: npm run -s cli -- user add NAME --role admin');
  }
  const metrics = new BotMetrics(queue);
  const assemble: AssembleLiveBot = (content, nlu) =>
    assembleBot(content, timedNlu(nlu, (s) => metrics.nlu(s)), { store, contextTtlMs: config.contextTtlMinutes * 60_000, logger });
  const publishedId = await versions.publishedId();
  const published = publishedId === undefined ? undefined : await versions.get(publishedId);
  const seed = () => readContentFolders(defaultContentPaths());
  const content = loadContentFiles(published?.files ?? seed());
  const live = new LiveBot(assemble(content, trainNlu(content)), published?.id);
  logger.info('content loaded', { version: published?.id ?? 'repository' });
  const poller = new ContentPoller(versions, live, assemble, logger, options.contentPollMs, () => metrics.publish('adopted'));
  const adapters = await options.channels(live);

  const timing = {
    ...(options.leaseMs !== undefined ? { leaseMs: options.leaseMs } : {}),
    ...(options.idleMs !== undefined ? { idleMs: options.idleMs } : {}),
  };
  const sender = new OutboxSender(queue, adapters, logger, { ...DEFAULT_SENDER_OPTIONS, ...timing }, (channel, result) =>
    metrics.deliveryFailed(channel, result),
  );
  const recordTurn = turnRecorder(turnLog);
  const worker = new InboundWorker(
    queue,
    live,
    logger,
    { ...DEFAULT_WORKER_OPTIONS, ...timing },
    () => sender.notify(),
    async (turn) => {
      metrics.turn(turn.item.channel, turn.result.outcome, turn.latencyMs);
      await recordTurn(turn);
    },
  );
  const senderLimit = new SenderLimit(options.senderLimit);
  const inbox: Inbox = {
    accept: async (update) => {
      const verdict = senderLimit.check(update);
      if (verdict !== 'ok') {
        // Acknowledged to the platform (it must not retry) but not handled; told once per window.
        metrics.limited(update.channel, verdict === 'repeated' ? 'repeat' : 'rate');
        if (verdict === 'too_fast') {
          const replies = [textReply(live.current().content.messages.too_fast)];
          await queue.enqueueOutbound({ channel: update.channel, conversationId: update.conversationId, replies }, new Date());
          sender.notify();
        }
        return 'duplicate';
      }
      const stored = await queue.accept(update);
      if (stored === 'stored') worker.notify();
      return stored;
    },
  };

  const app = createHttpApp(
    adapters,
    [
      { name: 'store', check: () => store.ping() },
      { name: 'content', check: () => versions.ping() },
    ],
    logger,
  );
  const publisher = new ContentPublisher({ store: versions, seed, assemble, live, onEvent: (event) => metrics.publish(event) });
  mountMetrics(app, metrics.registry, options.metricsToken ?? process.env.METRICS_TOKEN);
  mountWorkspacePage(app);
  app.route('/admin', createAdminApp({ staff }));
  app.route('/admin/api/review', createReviewApp({ staff, turnLog, publisher }));
  app.route('/admin/api/dashboard', createDashboardApp({ staff, turnLog }));
  app.route('/admin/api/content', createContentApp({ staff, publisher }));
  app.route('/admin/api/spreadsheets', createSpreadsheetApp({ staff, publisher }));
  app.route('/admin/api/documents', createDocumentsApp({ staff, publisher }));
  app.route('/admin/api/handovers', createHandoverApp({ staff, store, queue }));
  app.route('/admin/api/citizens', createCitizenApp({ staff, store, queue, turnLog }));
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, () => resolve(s as Server));
  });
  for (const adapter of adapters) adapter.attach?.(server);
  for (const adapter of adapters) await adapter.start?.(inbox);
  worker.start();
  sender.start();
  poller.start();
  const stopPurge = schedulePurge([store, queue, turnLog], config.retentionDays, logger);
  const address = server.address() as AddressInfo;
  logger.info('server started', { port: address.port, channels: adapters.map((a) => a.channel) });

  return {
    url: `http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${address.port}`,
    server,
    live,
    queue,
    metrics,
    async stop() {
      stopPurge();
      for (const adapter of adapters) await adapter.stop?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await worker.stop();
      await sender.stop();
      await poller.stop();
      await versions.close();
      await turnLog.close();
      await staff.close();
      await queue.close();
      await store.close();
    },
  };
}
