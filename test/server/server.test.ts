import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Logger } from '../../src/logging/logger.js';
import { startServer, type RunningServer } from '../../src/server/app-server.js';
import { LoopbackAdapter } from './fixtures/loopback-adapter.js';

const dir = mkdtempSync(join(tmpdir(), 'server-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const deliveries = (file: string): { conversationId: string; texts: string[] }[] =>
  existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];

async function until(predicate: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

const post = (url: string, body: unknown) =>
  fetch(`${url}/test/inbound`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('the HTTP server', () => {
  let running: RunningServer;
  const file = join(dir, 'in-process.jsonl');

  it('serves health and readiness, stores updates before acknowledging, answers each once in order', async () => {
    running = await startServer({
      config: { dataDir: join(dir, 'a'), contextTtlMinutes: 30, retentionDays: 180, logLevel: 'error' },
      port: 0,
      host: '127.0.0.1',
      logger: new Logger({ write: () => undefined }),
      channels: () => [new LoopbackAdapter(file)],
      idleMs: 20,
    });
    expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${running.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { store: 'ok', content: 'ok' } });

    const first = await post(running.url, { id: 'm1', conversation: 'c1', text: 'thủ tục đăng ký kết hôn' });
    expect(await first.json()).toEqual({ stored: 'stored' });
    await post(running.url, { id: 'm2', conversation: 'c1', text: 'lệ phí bao nhiêu' });
    const again = await post(running.url, { id: 'm1', conversation: 'c1', text: 'thủ tục đăng ký kết hôn' });
    expect(await again.json()).toEqual({ stored: 'duplicate' });
    await until(() => deliveries(file).length >= 2, 10_000);
    await new Promise((r) => setTimeout(r, 200));
    const got = deliveries(file);
    expect(got).toHaveLength(2);
    expect(got[0]!.texts.join('\n')).toContain('Đăng ký kết hôn');
    expect(got[1]!.texts.join('\n')).toContain('Lệ phí');
    expect((await fetch(`${running.url}/nothing-here`)).status).toBe(404);
    await running.stop();
  });
});

describe('crash recovery', () => {
  const dataDir = join(dir, 'crash');
  const file = join(dir, 'crash.jsonl');

  function launch(): Promise<{ child: ChildProcess; url: string }> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/server/fixtures/run-server.ts'], {
      env: { ...process.env, DATA_DIR: dataDir, DELIVERIES_FILE: file, DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    return new Promise((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /LISTENING (\S+)/.exec(out);
        if (m) resolve({ child, url: m[1]! });
      });
      child.once('exit', (code) => reject(new Error(`server exited early (${code})`)));
    });
  }

  it('answers every update exactly once when the process is killed mid-way and restarted', async () => {
    const updates = Array.from({ length: 40 }, (_, i) => ({ id: `u${i}`, conversation: `c${i % 8}`, text: i % 2 ? 'lệ phí đăng ký khai sinh' : 'chào bạn' }));
    const first = await launch();
    // Send everything, then kill without warning once some — not all — answers went out.
    await Promise.all(updates.map((u) => post(first.url, u)));
    await until(() => deliveries(file).length >= 5, 20_000);
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    expect(deliveries(file).length).toBeLessThan(40);

    const second = await launch();
    // Platforms redeliver what they think was not acknowledged: send all again; stored ones are duplicates.
    await Promise.all(updates.map((u) => post(second.url, u)));
    await until(() => deliveries(file).length >= 40, 30_000);
    await new Promise((r) => setTimeout(r, 500));
    second.child.kill('SIGTERM');
    const got = deliveries(file);
    expect(got).toHaveLength(40);
    const perConversation = new Map<string, number>();
    for (const d of got) perConversation.set(d.conversationId, (perConversation.get(d.conversationId) ?? 0) + 1);
    expect([...perConversation.values()]).toEqual(Array(8).fill(5));
  }, 90_000);
});
