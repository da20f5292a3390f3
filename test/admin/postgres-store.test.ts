import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStaffStore } from '../../src/admin/open-staff-store.js';
import { POSTGRES_STAFF_MIGRATIONS } from '../../src/admin/postgres-staff-migrations.js';
import { PostgresStaffStore } from '../../src/admin/postgres-staff-store.js';
import { PostgresConversationStore } from '../../src/store/postgres/postgres-store.js';
import { staffStoreContract } from './store-contract.js';

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
        'Start PostgreSQL there (e.g. `sudo apt-get install postgresql && sudo pg_ctlcluster 15 main start`), ' +
        'or set TEST_DATABASE_URL=postgres://user:password@host:port/database to a server where the tests may create and drop schemas.',
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

staffStoreContract('PostgreSQL', async () => {
  const schema = await freshSchema();
  const staff = await PostgresStaffStore.open(schema.url);
  return {
    staff,
    dispose: async () => {
      await staff.close();
      await schema.drop();
    },
  };
});

describe('PostgreSQL staff tables', () => {
  it('migrate once when instances start at once, next to the conversation store, with their own version table', async () => {
    const schema = await freshSchema();
    try {
      const conversations = await PostgresConversationStore.open(schema.url);
      const stores = await Promise.all(Array.from({ length: 4 }, () => openStaffStore({ databaseUrl: schema.url, dataDir: '/nonexistent' })));
      expect(stores[0]).toBeInstanceOf(PostgresStaffStore);
      await Promise.all([...stores.map((s) => s.close()), conversations.close()]);

      const client = new pg.Client({ connectionString: schema.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ version: number }>('SELECT version FROM admin_migrations ORDER BY version');
        expect(rows.map((row) => row.version)).toEqual(POSTGRES_STAFF_MIGRATIONS.map((m) => m.version));
        const { rows: tables } = await client.query<{ table_name: string }>(
          'SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name',
        );
        expect(tables.map((t) => t.table_name)).toEqual(
          expect.arrayContaining(['admin_migrations', 'audit_log', 'events', 'login_attempts', 'schema_migrations', 'sessions', 'users']),
        );
      } finally {
        await client.end();
      }
    } finally {
      await schema.drop();
    }
  });
});
