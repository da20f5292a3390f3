import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { POSTGRES_MIGRATIONS } from '../../src/store/postgres/migrations.js';
import { PostgresConversationStore } from '../../src/store/postgres/postgres-store.js';
import { storeContract } from './contract.js';
import { expectSerializedAcrossProcesses } from './cross-process.js';
import { freshPostgresSchema } from '../support/fresh-postgres-schema.js';

storeContract(
  'PostgreSQL',
  async () => {
    const schema = await freshPostgresSchema();
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
    const schema = await freshPostgresSchema();
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
    const schema = await freshPostgresSchema();
    try {
      await expectSerializedAcrossProcesses({ DATABASE_URL: schema.url }, () => PostgresConversationStore.open(schema.url));
    } finally {
      await schema.drop();
    }
  });
});
