import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { SqlConversationStore } from '../../src/store/conversation-store.js';

const dir = mkdtempSync(join(tmpdir(), 'open-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The PostgreSQL branch is covered in postgres.test.ts.
it('opens SQLite at <dataDir>/bot.sqlite when no PostgreSQL URL is given', async () => {
  const store = await openStore({ dataDir: join(dir, 'data') });
  try {
    expect(store).toBeInstanceOf(SqlConversationStore);
    expect(existsSync(join(dir, 'data', 'bot.sqlite'))).toBe(true);
    await store.ping();
  } finally {
    await store.close();
  }
});

it('refuses a DATABASE_URL that is not PostgreSQL instead of silently using SQLite', async () => {
  await expect(openStore({ dataDir: dir, databaseUrl: 'mysql://root@localhost/test' })).rejects.toThrow(/postgres:\/\//);
});
