import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { POSTGRES_MIGRATIONS } from '../../src/store/postgres/migrations.js';
import { PostgresConversationStore } from '../../src/store/postgres/postgres-store.js';
import { storeContract } from './contract.js';
import { expectSerializedAcrossProcesses } from './cross-process.js';

const SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let admin: pg.Client;
beforeAll(async () => {
  admin = new pg.Client({ connectionString: SERVER_URL, connectionTimeoutMillis: 5_000 });
  try {
    await admin.connect();
  } catch (error) {
    const shown = new URL(SERVER_URL);
    if (shown.password) shown.password = '***';
    throw new Error(
      `These tests need a PostgreSQL server, but ${shown.href} is not reachable (${String(error)}). ` +
        'Start PostgreSQL there, or set TEST_DATABASE_URL=postgres://user:password@host:port/database ' +
        'to a server where the tests may create and drop schemas.',
    );
  }
});
afterAll(async () => {
  await admin?.end();
});

/** A fresh empty schema and a URL whose connections use it. */
async function freshSchema(): Promise<{ url: string; drop: () => Promise<void> }> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  await admin.query(`CREATE SCHEMA ${schema}`);
  const url = new URL(SERVER_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return { url: url.href, drop: async () => void (await admin.query(`DROP SCHEMA ${schema} CASCADE`)) };
}

storeContract(
  'PostgreSQL',
  async () => {
    const schema = await freshSchema();
    const store = await PostgresConversationStore.open(schema.url);
    return {
      store,
      dispose: async () => {
        await store.close();
        await schema.drop();
      },
    };
  },
  { parallelConversations: true },
);

describe('PostgreSQL server', () => {
  it('lets instances start at once: migrations run once and the tables live in the configured schema', async () => {
    const schema = await freshSchema();
    try {
      const stores = await Promise.all(Array.from({ length: 4 }, () => PostgresConversationStore.open(schema.url)));
      await Promise.all(stores.map((store) => store.close()));
      const reopened = await openStore({ databaseUrl: schema.url, dataDir: '/nonexistent' });
      expect(reopened).toBeInstanceOf(PostgresConversationStore);
      await reopened.ping();
      await reopened.close();

      const client = new pg.Client({ connectionString: schema.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
        expect(rows.map((row) => row.version)).toEqual(POSTGRES_MIGRATIONS.map((m) => m.version));
        const { rows: tables } = await client.query<{ table_name: string }>(
          'SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name',
        );
        expect(tables.map((t) => t.table_name)).toEqual(['events', 'handovers', 'ratings', 'schema_migrations']);
      } finally {
        await client.end();
      }
    } finally {
      await schema.drop();
    }
  });

  it('serializes turns of one conversation across processes', async () => {
    const schema = await freshSchema();
    try {
      await expectSerializedAcrossProcesses({ DATABASE_URL: schema.url }, () => PostgresConversationStore.open(schema.url));
    } finally {
      await schema.drop();
    }
  });
});
