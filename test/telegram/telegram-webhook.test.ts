import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TelegramAdapter } from '../../src/channels/telegram/telegram-adapter.js';
import { MAX_UPDATE_BYTES } from '../../src/channels/telegram/telegram-webhook.js';
import { Logger } from '../../src/logging/logger.js';
import { FakeTelegramServer } from './fake-telegram-server.js';
import { MemoryInbox } from './memory-inbox.js';
import { callbackUpdate, textUpdate } from './telegram-updates.js';

const TOKEN = '123456789:AAF-test_token';
const SECRET = 'webhook-secret_2024';
let fake: FakeTelegramServer;
let server: ServerType;
let baseUrl: string;
let adapter: TelegramAdapter;
let inbox: MemoryInbox;
let logs: string[];

beforeEach(async () => {
  fake = await FakeTelegramServer.start(TOKEN);
  const app = new Hono();
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  logs = [];
  adapter = new TelegramAdapter({
    token: TOKEN,
    apiRoot: fake.apiRoot,
    webhook: { publicUrl: `${baseUrl}/`, secretToken: SECRET },
    logger: new Logger({ write: (line) => logs.push(line) }),
  });
  adapter.mount(app);
  inbox = new MemoryInbox();
  await adapter.start(inbox);
});

afterEach(async () => {
  await adapter.stop();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await fake.close();
});

function post(body: string | ReadableStream<Uint8Array>, headers: Record<string, string> = { 'x-telegram-bot-api-secret-token': SECRET }) {
  return fetch(`${baseUrl}/webhooks/telegram`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    ...(typeof body === 'string' ? {} : { duplex: 'half' }),
  } as RequestInit);
}

describe('Telegram webhook', () => {
  it('registers the webhook with the secret instead of polling', () => {
    expect(fake.webhook).toEqual({ url: `${baseUrl}/webhooks/telegram`, secretToken: SECRET });
    expect(fake.pollOffsets).toEqual([]);
  });

  it('answers 200 for an update from Telegram once it is stored, and stores a resent update once', async () => {
    const update = textUpdate(5559001, 3, 'đổi giấy phép lái xe');
    expect(await fake.pushWebhook(update)).toBe(200);
    expect(inbox.stored).toEqual([expect.objectContaining({ platformMessageId: '5559001:3', conversationId: '5559001', text: 'đổi giấy phép lái xe' })]);
    expect(await fake.pushWebhook(update)).toBe(200);
    expect(inbox.stored).toHaveLength(1);
  });

  it('answers a callback query through the Bot API', async () => {
    expect(await fake.pushWebhook(callbackUpdate(5559002, '7007', 'officer'))).toBe(200);
    expect(inbox.stored[0]).toMatchObject({ payload: 'officer', platformMessageId: 'callback:7007' });
    expect(fake.answeredCallbackQueries).toEqual(['7007']);
  });

  it('refuses a wrong or missing secret with 403 and stores nothing', async () => {
    const body = JSON.stringify({ update_id: 1, ...textUpdate(5559003, 1, 'xin chào') });
    expect((await post(body, { 'x-telegram-bot-api-secret-token': 'webhook-secret_2025' })).status).toBe(403);
    expect((await post(body, { 'x-telegram-bot-api-secret-token': `${SECRET}x` })).status).toBe(403);
    expect((await post(body, {})).status).toBe(403);
    expect(inbox.stored).toEqual([]);
  });

  it('rejects malformed JSON and JSON that is not an update with 400', async () => {
    expect((await post('{"update_id": 1, "message": ')).status).toBe(400);
    expect((await post('')).status).toBe(400);
    expect((await post('[1,2,3]')).status).toBe(400);
    expect((await post('{"message": {}}')).status).toBe(400);
    expect((await post('{"update_id": 2, "message": "xin chào"}')).status).toBe(400);
    expect((await post('{"update_id": 3, "callback_query": {"id": 5}}')).status).toBe(400);
    expect(inbox.stored).toEqual([]);
  });

  it('rejects an oversized body with 413, with or without Content-Length', async () => {
    const huge = JSON.stringify({ update_id: 4, ...textUpdate(5559004, 1, 'a'.repeat(MAX_UPDATE_BYTES)) });
    expect((await post(huge)).status).toBe(413);
    const chunk = new TextEncoder().encode('x'.repeat(16 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > MAX_UPDATE_BYTES * 2) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    expect((await post(stream)).status).toBe(413);
    expect(inbox.stored).toEqual([]);
  });

  it('allows only POST on the webhook path', async () => {
    const get = await fetch(`${baseUrl}/webhooks/telegram`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect((await fetch(`${baseUrl}/webhooks/telegram`, { method: 'PUT', body: '{}' })).status).toBe(405);
    expect((await fetch(`${baseUrl}/webhooks/telegram/x`, { method: 'POST', body: '{}' })).status).toBe(404);
  });

  it('answers 500 when the inbox cannot store the update, so Telegram sends it again', async () => {
    inbox.failNext(1);
    const update = textUpdate(5559005, 1, 'thủ tục chứng thực');
    expect(await fake.pushWebhook(update)).toBe(500);
    expect(inbox.stored).toEqual([]);
    expect(logs.some((l) => l.includes('could not be stored'))).toBe(true);
    expect(await fake.pushWebhook(update)).toBe(200);
    expect(inbox.stored).toHaveLength(1);
  });

  it('answers 503 once stopped, storing nothing', async () => {
    await adapter.stop();
    expect(await fake.pushWebhook(textUpdate(5559006, 1, 'xin chào'))).toBe(503);
    expect(inbox.stored).toEqual([]);
  });
});
