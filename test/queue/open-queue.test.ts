import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openQueue } from '../../src/server/queue/open-queue.js';
import { SqlMessageQueue } from '../../src/store/message-queue-store.js';

const dir = mkdtempSync(join(tmpdir(), 'open-queue-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The PostgreSQL branch is covered in postgres.test.ts.
it('opens SQLite at <dataDir>/bot.sqlite when no PostgreSQL URL is given', async () => {
  const queue = await openQueue({ dataDir: join(dir, 'data') });
  try {
    expect(queue).toBeInstanceOf(SqlMessageQueue);
    expect(existsSync(join(dir, 'data', 'bot.sqlite'))).toBe(true);
    expect(await queue.stats()).toEqual({ inboxPending: 0, outboxPending: 0, outboxFailed: 0 });
  } finally {
    await queue.close();
  }
});

it('refuses a DATABASE_URL that is not PostgreSQL instead of silently using SQLite', async () => {
  await expect(openQueue({ dataDir: dir, databaseUrl: 'mysql://root@localhost/test' })).rejects.toThrow(/postgres:\/\//);
});
