import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contentCommand } from '../../src/cli/commands/content.js';
import { readContentFiles, writeContentFiles } from '../../src/content/content-files.js';
import { openContentVersions } from '../../src/content-versions/open-content-versions.js';
import { Logger } from '../../src/logging/logger.js';
import { startServer } from '../../src/server/app-server.js';
import { ask, SEED, thanksSaying } from './harness.js';

const dir = mkdtempSync(join(tmpdir(), 'content-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[], versions: Awaited<ReturnType<typeof openContentVersions>>) {
  let out = '';
  let err = '';
  const code = await contentCommand(args, { out: { write: (s: string) => (out += s) }, err: { write: (s: string) => (err += s) } }, { versions });
  return { code, out, err };
}

describe('content export and import', { timeout: 60_000 }, () => {
  it('exports the live bundle in the repository layout and imports it back as an identical draft', async () => {
    const versions = await openContentVersions({ dataDir: join(dir, 'db') });
    try {
      const out = join(dir, 'export');
      expect(await run(['export', out], versions)).toMatchObject({ code: 0, out: expect.stringContaining(`Đã ghi ${Object.keys(SEED).length} tệp`) });
      expect(readContentFiles(out)).toEqual(SEED);

      const imported = await run(['import', out, '--as', 'Lan'], versions);
      expect(imported).toMatchObject({ code: 0, out: 'Đã lưu bản nháp: phiên bản 1.\n' });
      expect(await versions.get(1)).toMatchObject({ status: 'draft', author: 'Lan', files: SEED });

      const again = join(dir, 'again');
      expect((await run(['export', again, '--version', '1'], versions)).code).toBe(0);
      expect(readContentFiles(again)).toEqual(SEED);
    } finally {
      await versions.close();
    }
  });

  it('refuses to import an invalid directory, naming file and field, and stores nothing', async () => {
    const versions = await openContentVersions({ dataDir: join(dir, 'db2') });
    try {
      const out = join(dir, 'broken');
      await run(['export', out], versions);
      writeFileSync(join(out, 'intents/thu_tuc.ket_hon.yaml'), SEED['intents/thu_tuc.ket_hon.yaml']!.replace(/^title: .*$/m, 'title: ""'));
      await expect(run(['import', out], versions)).rejects.toThrow(/intents\/thu_tuc\.ket_hon\.yaml:2 — title: không được để trống/);
      expect(await versions.history()).toEqual([]);
    } finally {
      await versions.close();
    }
  });

  it('publishes on import; a server started on the database then serves that version', async () => {
    const dataDir = join(dir, 'server');
    const versions = await openContentVersions({ dataDir });
    const source = join(dir, 'changed');
    writeContentFiles(source, thanksSaying('Phiên bản nhập'));
    try {
      expect(await run(['import', source, '--publish', '--as', 'Lan'], versions)).toMatchObject({ code: 0, out: 'Đã xuất bản phiên bản 1.\n' });
      expect((await run(['history'], versions)).out).toMatch(/^1\tđang dùng\tLan\t.+\txuất bản .+ bởi Lan\t\(nhập từ thư mục\)\n$/);
    } finally {
      await versions.close();
    }
    const running = await startServer({
      config: { dataDir, contextTtlMinutes: 30, retentionDays: 180, logLevel: 'error' },
      port: 0,
      host: '127.0.0.1',
      logger: new Logger({ write: () => undefined }),
      channels: () => [],
    });
    try {
      expect(running.live.versionId).toBe(1);
      expect(await ask(running.live, 'cảm ơn')).toContain('Phiên bản nhập');
    } finally {
      await running.stop();
    }
  });
});
