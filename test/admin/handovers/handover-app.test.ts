import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Logger } from '../../../src/logging/logger.js';
import { startServer, type RunningServer } from '../../../src/server/app-server.js';
import { LoopbackAdapter } from '../../server/fixtures/loopback-adapter.js';

const dir = mkdtempSync(join(tmpdir(), 'handover-app-'));
const deliveriesFile = join(dir, 'deliveries.jsonl');
const USERNAME = 'canbo';
const PASSWORD = 'mat-khau-rat-dai-123';
let running: RunningServer;
let staff: { cookie: string; csrf: string };

beforeAll(async () => {
  process.env.ADMIN_USERNAME = USERNAME;
  process.env.ADMIN_PASSWORD = PASSWORD;
  try {
    running = await startServer({
      config: { dataDir: dir, contextTtlMinutes: 30, retentionDays: 180, logLevel: 'error' },
      port: 0,
      host: '127.0.0.1',
      logger: new Logger({ write: () => undefined }),
      channels: () => [new LoopbackAdapter(deliveriesFile)],
      idleMs: 20,
    });
  } finally {
    delete process.env.ADMIN_USERNAME;
    delete process.env.ADMIN_PASSWORD;
  }
  const login = await fetch(`${running.url}/admin/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: USERNAME, password: PASSWORD }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  staff = { cookie, csrf: csrfToken };
}, 60_000);

afterAll(async () => {
  await running?.stop();
  rmSync(dir, { recursive: true, force: true });
});

let messageId = 0;
/** A citizen message through the loopback channel. */
async function citizenSays(conversation: string, text: string): Promise<void> {
  const response = await fetch(`${running.url}/test/inbound`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id: `m${++messageId}`, conversation, text }),
  });
  expect(response.status).toBe(200);
}

function deliveries(conversation: string): string[][] {
  if (!existsSync(deliveriesFile)) return [];
  return readFileSync(deliveriesFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { conversationId: string; texts: string[] })
    .filter((d) => d.conversationId === conversation)
    .map((d) => d.texts);
}

async function until<T>(check: () => T | Promise<T>, what: string): Promise<NonNullable<T>> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function api(path: string, init: { body?: unknown; cookie?: string; csrf?: string } = {}) {
  const headers: Record<string, string> = {};
  if (init.cookie) headers.cookie = init.cookie;
  if (init.csrf) headers['X-CSRF-Token'] = init.csrf;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${running.url}/admin/api/handovers${path}`, {
    method: init.body === undefined ? 'GET' : 'POST',
    headers,
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
}

interface Listed {
  key: string;
  channel: string;
  reason: string;
  openedAt: string;
  lastCitizenMessage: string | null;
}

const listed = async (): Promise<Listed[]> => ((await (await api('', staff)).json()) as { handovers: Listed[] }).handovers;

describe('handover API', () => {
  it('lists a citizen asking for an officer, keeps the bot silent, delivers the reply and gives the conversation back', async () => {
    const key = 'loopback:c1';
    const path = `/${encodeURIComponent(key)}`;
    await citizenSays('c1', 'cho tôi gặp cán bộ');
    const handover = await until(async () => (await listed()).find((h) => h.key === key), 'the handover to be listed');
    expect(handover).toMatchObject({ channel: 'loopback', reason: 'requested', lastCitizenMessage: 'Người dân: cho tôi gặp cán bộ' });
    await until(() => deliveries('c1').length === 1, 'the handover notice');

    await citizenSays('c1', 'có ai không ạ, số tôi 0912345678');
    await until(async () => (await listed()).find((h) => h.key === key)?.lastCitizenMessage?.includes('*******678'), 'the held message');
    const history = (await (await api(`${path}/history`, staff)).json()) as { lines: { seq: number; at: string; text: string }[] };
    const texts = history.lines.map((l) => l.text).join('\n');
    expect(texts).toContain('Người dân: có ai không ạ, số tôi *******678');
    expect(texts).not.toContain('0912345678');
    expect(deliveries('c1')).toHaveLength(1);

    const reply = await api(`${path}/reply`, { ...staff, body: { text: 'Chào Anh/Chị, cán bộ tư pháp xin trả lời…' } });
    expect(reply.status).toBe(200);
    await until(() => deliveries('c1').length === 2, 'the officer reply');
    expect(deliveries('c1')[1]).toEqual(['Chào Anh/Chị, cán bộ tư pháp xin trả lời…']);
    const after = (await (await api(`${path}/history`, staff)).json()) as { lines: { text: string }[] };
    expect(after.lines.map((l) => l.text)).toContain(`Cán bộ ${USERNAME}: Chào Anh/Chị, cán bộ tư pháp xin trả lời…`);

    expect((await api(`${path}/release`, { ...staff, body: {} })).status).toBe(200);
    expect((await listed()).map((h) => h.key)).not.toContain(key);
    await citizenSays('c1', 'lệ phí đăng ký kết hôn bao nhiêu');
    await until(() => deliveries('c1').length === 3, 'the bot answer after release');
    expect(deliveries('c1')[2]!.join('\n')).toMatch(/kết hôn/i);
  });

  it('refuses logged-out callers (401), missing CSRF tokens (403), long replies (400) and conversations not waiting (404)', async () => {
    expect((await api('')).status).toBe(401);
    expect((await api('/loopback%3Ac2/reply', { body: { text: 'xin chào' } })).status).toBe(401);
    expect((await api('/loopback%3Ac2/reply', { cookie: staff.cookie, body: { text: 'xin chào' } })).status).toBe(403);
    expect((await api('/loopback%3Ac2/release', { cookie: staff.cookie, body: {} })).status).toBe(403);
    expect((await api('/loopback%3Ac2/reply', { ...staff, body: { text: 'a'.repeat(2001) } })).status).toBe(400);
    const missing = await api('/loopback%3Ac2/reply', { ...staff, body: { text: 'xin chào' } });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: expect.stringContaining('không còn chờ cán bộ') });
    expect((await api('/loopback%3Ac2/history', staff)).status).toBe(404);
  });
});
