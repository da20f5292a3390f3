import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';

it('`npm start` prints the web chat and the staff workspace (/admin) URLs, and both answer', { timeout: 90_000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'startup-'));
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: '' };
  for (const key of ['TELEGRAM_BOT_TOKEN', 'ZALO_APP_ID', 'ADMIN_USERNAME', 'ADMIN_PASSWORD']) delete env[key];
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env, stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    const banner = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('/healthz')) resolve(out);
      });
      child.once('exit', (code) => reject(new Error(`server exited early (${code})`)));
    });
    const admin = /Không gian làm việc của cán bộ: (http:\/\/127\.0\.0\.1:\d+\/admin)\n/.exec(banner)?.[1];
    expect(admin, banner).toBeDefined();
    const page = await fetch(admin!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Không gian làm việc của cán bộ');
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
});
