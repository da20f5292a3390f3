import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openQueue } from '../../src/server/queue/open-queue.js';
import { POSTGRES_QUEUE_MIGRATIONS } from '../../src/server/queue/postgres-queue-migrations.js';
import { PostgresMessageQueue } from '../../src/server/queue/postgres-queue.js';
import { SqlConversationStore } from '../../src/store/conversation-store.js';
import { at, queueContract, update } from './contract.js';
import { expectExclusiveClaimsAcrossProcesses } from './cross-process.js';
import { freshPostgresSchema } from '../support/fresh-postgres-schema.js';

queueContract('PostgreSQL', async () => {
  const schema = await freshPostgresSchema();
  const queue = await PostgresMessageQueue.open(schema.url);
  return {
    queue,
    dispose: async () => {
      await queue.close();
      await schema.drop();
    },
  };
});

describe('PostgreSQL queue server', () => {
  it('lets instances start at once next to the conversation store: migrations run once, in the configured schema', async () => {
    const schema = await freshPostgresSchema();
    try {
      const [store, ...queues] = await Promise.all([
        SqlConversationStore.open({ postgresUrl: schema.url }),
        ...Array.from({ length: 4 }, () => PostgresMessageQueue.open(schema.url)),
      ]);
      await queues[0]?.accept(update('a', 'a1'));
      await Promise.all([store?.close(), ...queues.map((queue) => queue.close())]);

      const reopened = await openQueue({ databaseUrl: schema.url, dataDir: '/nonexistent' });
      try {
        expect(reopened).toBeInstanceOf(PostgresMessageQueue);
        expect(await reopened.accept(update('a', 'a1'))).toBe('duplicate');
        expect((await reopened.claimInbound(at(0), 60_000))?.platformMessageId).toBe('a1');
      } finally {
        await reopened.close();
      }

      const client = new pg.Client({ connectionString: schema.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ version: number }>('SELECT version FROM queue_migrations ORDER BY version');
        expect(rows.map((row) => row.version)).toEqual(POSTGRES_QUEUE_MIGRATIONS.map((m) => m.version));
        const { rows: tables } = await client.query<{ table_name: string }>(
          'SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name',
        );
        expect(tables.map((t) => t.table_name)).toEqual(['events', 'handovers', 'inbox', 'outbox', 'queue_migrations', 'ratings', 'schema_migrations']);
      } finally {
        await client.end();
      }
    } finally {
      await schema.drop();
    }
  });

  it('fails to open when a migration fails, rolling it back and freeing the migration lock', async () => {
    const schema = await freshPostgresSchema();
    try {
      await schema.query(`CREATE TABLE ${schema.name}.outbox (unrelated integer)`);
      await expect(PostgresMessageQueue.open(schema.url)).rejects.toThrow(/"outbox" already exists/);

      await schema.query(`DROP TABLE ${schema.name}.outbox`);
      const { rows } = await schema.query<{ inbox: string | null }>(`SELECT to_regclass('${schema.name}.inbox') AS inbox`);
      expect(rows[0]?.inbox).toBeNull();
      const queue = await PostgresMessageQueue.open(schema.url);
      await queue.close();
    } finally {
      await schema.drop();
    }
  });

  it('fails to open, leaving nothing behind, when the server cannot be reached', async () => {
    await expect(PostgresMessageQueue.open('postgres://postgres@127.0.0.1:1/test')).rejects.toThrow(/ECONNREFUSED/);
  });

  it('lets instances share the queue, never claiming an item twice and keeping each conversation in order', async () => {
    const schema = await freshPostgresSchema();
    try {
      await expectExclusiveClaimsAcrossProcesses({ dataDir: '/nonexistent', databaseUrl: schema.url });
    } finally {
      await schema.drop();
    }
  });
});
