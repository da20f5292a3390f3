import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { CONVERSATION_MIGRATIONS } from '../../src/store/conversation-migrations.js';
import { SqlConversationStore } from '../../src/store/conversation-store.js';
import { storeContract } from './contract.js';
import { expectSerializedAcrossProcesses } from './cross-process.js';
import { freshPostgresSchema } from '../support/fresh-postgres-schema.js';

storeContract(
  'PostgreSQL',
  async () => {
    const schema = await freshPostgresSchema();
    const store = await SqlConversationStore.open({ postgresUrl: schema.url });
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
      const stores = await Promise.all(Array.from({ length: 4 }, () => SqlConversationStore.open({ postgresUrl: schema.url })));
      await Promise.all(stores.map((store) => store.close()));
      const reopened = await openStore({ databaseUrl: schema.url, dataDir: '/nonexistent' });
      expect(reopened).toBeInstanceOf(SqlConversationStore);
      await reopened.ping();
      await reopened.close();

      const client = new pg.Client({ connectionString: schema.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ name: string }>('SELECT name FROM migrations_conversations ORDER BY name');
        expect(rows.map((row) => row.name)).toEqual(Object.keys(CONVERSATION_MIGRATIONS.migrations));
        const { rows: tables } = await client.query<{ table_name: string }>(
          'SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name',
        );
        expect(tables.map((t) => t.table_name)).toEqual(['events', 'handovers', 'migrations_conversations', 'migrations_conversations_lock', 'ratings']);
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
      await expectSerializedAcrossProcesses({ DATABASE_URL: schema.url }, () => SqlConversationStore.open({ postgresUrl: schema.url }));
    } finally {
      await schema.drop();
    }
  });
});
