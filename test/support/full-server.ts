import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TelegramAdapter } from '../../src/channels/telegram/telegram-adapter.js';
import { WebChatAdapter } from '../../src/channels/web/web-chat-adapter.js';
import { ZaloAdapter } from '../../src/channels/zalo/zalo-adapter.js';
import { zaloConfigFromEnv } from '../../src/channels/zalo/zalo-config.js';
import { Logger } from '../../src/logging/logger.js';
import { startServer, type RunningServer } from '../../src/server/app-server.js';
import { FakeTelegramServer } from '../telegram/fake-telegram-server.js';
import { textUpdate } from '../telegram/telegram-updates.js';
import { TestClient } from '../web/ws-test-client.js';
import { FakeZaloServer } from '../zalo/fake-zalo-server.js';
import { openTokenStore, SECRETS } from '../zalo/zalo-harness.js';
import { APP_ID, userText } from '../zalo/zalo-events.js';

export const TELEGRAM_TOKEN = '123456789:AAF-test_token';
export const TELEGRAM_SECRET = 'webhook-secret_2024';
export const ADMIN = { username: 'quantri', password: 'mat-khau-du-dai-2025' } as const;

export interface FullServer {
  readonly running: RunningServer;
  readonly url: string;
  readonly telegram: FakeTelegramServer;
  readonly zalo: FakeZaloServer;
  /** Every line the server logged (level debug), unless `onLogLine` takes them. */
  readonly logLines: string[];
  /** A citizen's message through a channel, as the platform (or the browser) sends it; resolves once acknowledged. */
  sendTelegram(chatId: number, messageId: number, text: string): Promise<Response>;
  sendZalo(userId: string, text: string): Promise<Response>;
  /** A web chat session (a browser: page loaded, socket open). */
  webSession(): Promise<TestClient>;
  /** Logs in to the staff workspace API as the administrator. */
  login(): Promise<{ cookie: string; csrf: string }>;
  close(): Promise<void>;
}

/**
 * The application as `npm start` wires it — web chat, Telegram webhook and Zalo webhook on one
 * server with its SQLite store — the platforms being fake servers on loopback.
 */
export async function startFullServer(options: { metricsToken?: string; onLogLine?: (line: string) => void } = {}): Promise<FullServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'full-server-'));
  const telegram = await FakeTelegramServer.start(TELEGRAM_TOKEN);
  const zalo = new FakeZaloServer({ appId: APP_ID, ...SECRETS, refreshDelayMs: 0 });
  await zalo.start();
  const logLines: string[] = [];
  const logger = new Logger({ write: options.onLogLine ?? ((line) => logLines.push(line)) }, 'debug');
  const zaloConfig = zaloConfigFromEnv({
    ZALO_APP_ID: APP_ID,
    ZALO_OA_SECRET_KEY: SECRETS.oaSecretKey,
    ZALO_APP_SECRET_KEY: SECRETS.appSecretKey,
    ZALO_REFRESH_TOKEN: SECRETS.refreshToken,
    ZALO_API_BASE_URL: zalo.url,
    ZALO_OAUTH_BASE_URL: zalo.url,
  })!;
  const zaloTokens = await openTokenStore(join(dataDir, 'bot.sqlite'));
  const env = { ADMIN_USERNAME: process.env.ADMIN_USERNAME, ADMIN_PASSWORD: process.env.ADMIN_PASSWORD };
  process.env.ADMIN_USERNAME = ADMIN.username;
  process.env.ADMIN_PASSWORD = ADMIN.password;
  let running: RunningServer;
  try {
    running = await startServer({
      config: { dataDir, contextTtlMinutes: 30, retentionDays: 180, logLevel: 'debug' },
      port: 0,
      host: '127.0.0.1',
      logger,
      idleMs: 20,
      ...(options.metricsToken ? { metricsToken: options.metricsToken } : {}),
      channels: () => [
        new WebChatAdapter({ logger, config: { secret: Buffer.from('test-secret-of-at-least-32-characters'), allowedOrigins: [] } }),
        new TelegramAdapter({ token: TELEGRAM_TOKEN, apiRoot: telegram.apiRoot, webhook: { publicUrl: 'https://bot.example.gov.vn/', secretToken: TELEGRAM_SECRET }, logger }),
        new ZaloAdapter({ config: zaloConfig, logger, tokenStore: zaloTokens }),
      ],
    });
  } finally {
    for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  const url = running.url;
  return {
    running,
    url,
    telegram,
    zalo,
    logLines,
    sendTelegram: (chatId, messageId, text) =>
      fetch(`${url}/webhooks/telegram`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TELEGRAM_SECRET },
        body: JSON.stringify({ update_id: chatId * 1000 + messageId, ...textUpdate(chatId, messageId, text) }),
      }),
    sendZalo: (userId, text) => zalo.push(`${url}/webhooks/zalo`, userText(text, userId)),
    async webSession() {
      // A kept-alive connection may just have been closed by the server (after a 413): try again.
      const page = await fetch(`${url}/`).catch(() => fetch(`${url}/`));
      const cookie = page.headers.get('set-cookie')!.split(';')[0]!;
      return TestClient.connect(`${url.replace('http:', 'ws:')}/chat/ws`, { Cookie: cookie, Origin: url });
    },
    async login() {
      const response = await fetch(`${url}/admin/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(ADMIN),
      });
      if (response.status !== 200) throw new Error(`login: HTTP ${response.status}`);
      const cookie = /^(staff_session=[^;]*)/.exec(response.headers.get('set-cookie') ?? '')![1]!;
      return { cookie, csrf: ((await response.json()) as { csrfToken: string }).csrfToken };
    },
    async close() {
      await running.stop();
      await telegram.close();
      await zalo.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
