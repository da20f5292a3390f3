import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { Logger } from '../../src/logging/logger.js';
import { startServer } from '../../src/server/app-server.js';

const dir = mkdtempSync(join(tmpdir(), 'admin-mount-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('serves the staff API at /admin on the one server, with the first admin from the environment', async () => {
  process.env.ADMIN_USERNAME = 'quantri';
  process.env.ADMIN_PASSWORD = 'mat-khau-rat-dai-123';
  try {
    const running = await startServer({
      config: { dataDir: dir, contextTtlMinutes: 30, retentionDays: 180, logLevel: 'error' },
      port: 0,
      host: '127.0.0.1',
      logger: new Logger({ write: () => undefined }),
      channels: () => [],
    });
    try {
      expect((await fetch(`${running.url}/admin/api/session`)).status).toBe(401);
      const login = await fetch(`${running.url}/admin/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'quantri', password: 'mat-khau-rat-dai-123' }),
      });
      expect(login.status).toBe(200);
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const session = await fetch(`${running.url}/admin/api/session`, { headers: { cookie } });
      expect(session.status).toBe(200);
      expect(await session.json()).toMatchObject({ user: { username: 'quantri', role: 'admin' } });
    } finally {
      await running.stop();
    }
  } finally {
    delete process.env.ADMIN_USERNAME;
    delete process.env.ADMIN_PASSWORD;
  }
});
