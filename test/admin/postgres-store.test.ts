import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openStaffStore } from '../../src/admin/open-staff-store.js';
import { POSTGRES_STAFF_MIGRATIONS } from '../../src/admin/postgres-staff-migrations.js';
import { PostgresStaffStore } from '../../src/admin/postgres-staff-store.js';
import { SqlConversationStore } from '../../src/store/conversation-store.js';
import { staffStoreContract } from './store-contract.js';
import { freshPostgresSchema } from '../support/fresh-postgres-schema.js';

staffStoreContract('PostgreSQL', async () => {
  const schema = await freshPostgresSchema();
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
    const schema = await freshPostgresSchema();
    try {
      const conversations = await SqlConversationStore.open({ postgresUrl: schema.url });
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
