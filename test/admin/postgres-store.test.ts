import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openStaffStore } from '../../src/admin/open-staff-store.js';
import { STAFF_MIGRATIONS } from '../../src/store/staff-migrations.js';
import { SqlStaffStore } from '../../src/store/staff-store.js';
import { SqlConversationStore } from '../../src/store/conversation-store.js';
import { staffStoreContract } from './store-contract.js';
import { freshPostgresSchema } from '../support/fresh-postgres-schema.js';

staffStoreContract('PostgreSQL', async () => {
  const schema = await freshPostgresSchema();
  const staff = await SqlStaffStore.open({ postgresUrl: schema.url });
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
      expect(stores[0]).toBeInstanceOf(SqlStaffStore);
      await Promise.all([...stores.map((s) => s.close()), conversations.close()]);

      const client = new pg.Client({ connectionString: schema.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ name: string }>('SELECT name FROM migrations_staff ORDER BY name');
        expect(rows.map((row) => row.name)).toEqual(Object.keys(STAFF_MIGRATIONS.migrations));
        const { rows: tables } = await client.query<{ table_name: string }>(
          'SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name',
        );
        expect(tables.map((t) => t.table_name)).toEqual(
          expect.arrayContaining(['migrations_staff', 'audit_log', 'events', 'login_attempts', 'migrations_conversations', 'sessions', 'users']),
        );
      } finally {
        await client.end();
      }
    } finally {
      await schema.drop();
    }
  });
});
