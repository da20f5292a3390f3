import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { ZaloAdapter } from '../../src/channels/zalo/zalo-adapter.js';
import { zaloConfigFromEnv } from '../../src/channels/zalo/zalo-config.js';
import { Logger } from '../../src/logging/logger.js';
import { SqlTokenStore } from '../../src/store/zalo-token-store.js';
import type { TokenStore, ZaloTokens } from '../../src/zalo-api-client/index.js';
import { FakeZaloServer } from './fake-zalo-server.js';
import { MemoryInbox } from './memory-inbox.js';
import { APP_ID } from './zalo-events.js';

export const SECRETS = { appSecretKey: 'app-secret-key', oaSecretKey: 'oa-secret-key', refreshToken: 'refresh-0' } as const;

export interface ZaloHarness {
  readonly fake: FakeZaloServer;
  readonly adapter: ZaloAdapter;
  readonly inbox: MemoryInbox;
  readonly baseUrl: string;
  readonly webhookUrl: string;
  readonly dataDir: string;
  readonly logLines: string[];
  /** What the adapter's token store holds now, read through a store of its own on the same database. */
  storedTokens(): Promise<ZaloTokens | undefined>;
  close(): Promise<void>;
}

/**
 * The adapter mounted on a Hono app served by @hono/node-server on 127.0.0.1 (port 0), its client
 * talking to a fake Zalo on another loopback port.
 */
export async function startZaloHarness(
  options: { refreshDelayMs?: number; tokenStore?: (database: string) => Promise<TokenStore>; tokenCheckIntervalMs?: number } = {},
): Promise<ZaloHarness> {
  const fake = new FakeZaloServer({ appId: APP_ID, ...SECRETS, refreshDelayMs: options.refreshDelayMs ?? 0 });
  await fake.start();
  const dataDir = await mkdtemp(join(tmpdir(), 'zalo-test-'));
  const config = zaloConfigFromEnv({
    ZALO_APP_ID: APP_ID,
    ZALO_OA_SECRET_KEY: SECRETS.oaSecretKey,
    ZALO_APP_SECRET_KEY: SECRETS.appSecretKey,
    ZALO_REFRESH_TOKEN: SECRETS.refreshToken,
    ZALO_API_BASE_URL: fake.url,
    ZALO_OAUTH_BASE_URL: fake.url,
  })!;
  const logLines: string[] = [];
  const logger = new Logger({ write: (line) => logLines.push(line) }, 'debug');
  const adapter = new ZaloAdapter({
    config,
    logger,
    tokenStore: await (options.tokenStore ?? openTokenStore)(join(dataDir, 'bot.sqlite')),
    ...(options.tokenCheckIntervalMs ? { tokenCheckIntervalMs: options.tokenCheckIntervalMs } : {}),
  });
  const app = new Hono();
  adapter.mount(app);
  const inbox = new MemoryInbox();
  await adapter.start(inbox);
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    fake,
    adapter,
    inbox,
    baseUrl,
    webhookUrl: `${baseUrl}/webhooks/zalo`,
    dataDir,
    logLines,
    async storedTokens() {
      const store = await openTokenStore(join(dataDir, 'bot.sqlite'));
      try {
        return await store.load();
      } finally {
        await store.close();
      }
    },
    async close() {
      await adapter.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await fake.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The OA's token store in the SQLite file `database`, as the server opens it. */
export function openTokenStore(database: string): Promise<SqlTokenStore> {
  return SqlTokenStore.open({ sqliteFile: database }, APP_ID);
}
