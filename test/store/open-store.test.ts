import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { SqlConversationStore } from '../../src/store/conversation-store.js';
import { sql } from 'kysely';
import { readConfig } from '../../src/config.js';
import { Database } from '../../src/store/database.js';
import { databaseLocation } from '../../src/store/database-location.js';

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

it('fsyncs SQLite at checkpoints by default and at every commit with SQLITE_SYNCHRONOUS=full', async () => {
  const synchronous = async (file: string, env: NodeJS.ProcessEnv): Promise<number> => {
    const db = await Database.open(databaseLocation({ ...readConfig(env), dataDir: join(dir, file) }), []);
    try {
      const { rows } = await db.run((k) => sql<{ synchronous: number }>`PRAGMA synchronous`.execute(k));
      return rows[0]!.synchronous;
    } finally {
      await db.close();
    }
  };
  expect(await synchronous('default', {})).toBe(1); // NORMAL
  expect(await synchronous('full', { SQLITE_SYNCHRONOUS: 'FULL' })).toBe(2); // FULL
  expect(() => readConfig({ SQLITE_SYNCHRONOUS: 'sometimes' })).toThrow(/SQLITE_SYNCHRONOUS must be normal or full/);
});
