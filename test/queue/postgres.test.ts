import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openQueue } from '../../src/server/queue/open-queue.js';
import { QUEUE_MIGRATIONS } from '../../src/store/queue-migrations.js';
import { SqlMessageQueue } from '../../src/store/message-queue-store.js';
import { SqlConversationStore } from '../../src/store/conversation-store.js';
import { at, queueContract, update } from './contract.js';
import { expectExclusiveClaimsAcrossProcesses } from './cross-process.js';
import { freshPostgresSchema } from '../support/fresh-postgres-schema.js';

queueContract('PostgreSQL', async () => {
  const schema = await freshPostgresSchema();
  const queue = await SqlMessageQueue.open({ postgresUrl: schema.url });
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
        ...Array.from({ length: 4 }, () => SqlMessageQueue.open({ postgresUrl: schema.url })),
      ]);
      await queues[0]?.accept(update('a', 'a1'));
      await Promise.all([store?.close(), ...queues.map((queue) => queue.close())]);

      const reopened = await openQueue({ databaseUrl: schema.url, dataDir: '/nonexistent' });
      try {
        expect(reopened).toBeInstanceOf(SqlMessageQueue);
        expect(await reopened.accept(update('a', 'a1'))).toBe('duplicate');
        expect((await reopened.claimInbound(at(0), 60_000))?.platformMessageId).toBe('a1');
      } finally {
        await reopened.close();
      }

      const client = new pg.Client({ connectionString: schema.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ name: string }>('SELECT name FROM migrations_queue ORDER BY name');
        expect(rows.map((row) => row.name)).toEqual(Object.keys(QUEUE_MIGRATIONS.migrations));
        const { rows: tables } = await client.query<{ table_name: string }>(
          'SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name',
        );
        expect(tables.map((t) => t.table_name)).toEqual(['events', 'handovers', 'inbox', 'migrations_conversations', 'migrations_conversations_lock', 'migrations_queue', 'migrations_queue_lock', 'outbox', 'ratings']);
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
      await expect(SqlMessageQueue.open({ postgresUrl: schema.url })).rejects.toThrow(/"outbox" already exists/);

      await schema.query(`DROP TABLE ${schema.name}.outbox`);
      const { rows } = await schema.query<{ inbox: string | null }>(`SELECT to_regclass('${schema.name}.inbox') AS inbox`);
      expect(rows[0]?.inbox).toBeNull();
      const queue = await SqlMessageQueue.open({ postgresUrl: schema.url });
      await queue.close();
    } finally {
      await schema.drop();
    }
  });

  it('fails to open, leaving nothing behind, when the server cannot be reached', async () => {
    await expect(SqlMessageQueue.open({ postgresUrl: 'postgres://postgres@127.0.0.1:1/test' })).rejects.toThrow(/ECONNREFUSED/);
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
