import type pg from 'pg';

/**
 * Schema changes in order; a released migration is never edited, only followed by a new one.
 * The queue keeps its own tables and version table, so it can share the conversation store's schema.
 */
export const POSTGRES_QUEUE_MIGRATIONS: readonly { readonly version: number; readonly sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE inbox (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        channel text NOT NULL,
        platform_message_id text NOT NULL,
        conversation_id text NOT NULL,
        user_id text NOT NULL,
        text text,
        payload text,
        received_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'claimed', 'done')),
        lease_until timestamptz CHECK ((lease_until IS NOT NULL) = (status = 'claimed')),
        not_before timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        UNIQUE (channel, platform_message_id)
      );
      CREATE INDEX inbox_unfinished ON inbox (channel, conversation_id, id) WHERE status <> 'done';

      CREATE TABLE outbox (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        channel text NOT NULL,
        conversation_id text NOT NULL,
        replies jsonb NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed')),
        lease_until timestamptz CHECK (lease_until IS NULL OR status = 'pending'),
        not_before timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        created_at timestamptz NOT NULL,
        done_at timestamptz
      );
      CREATE INDEX outbox_pending ON outbox (channel, conversation_id, id) WHERE status = 'pending';
      CREATE INDEX outbox_failed ON outbox (id) WHERE status = 'failed';
    `,
  },
];

/**
 * Session advisory lock held while migrating: next to the conversation store's (0x7472_6f6c, 1) in
 * the two-integer key space, which the per-key bigint locks never use.
 */
const MIGRATION_LOCK = [0x7472_6f6c, 2];

/** Applies the migrations not yet recorded; instances starting at once wait for each other. */
export async function migrateQueue(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1, $2)', MIGRATION_LOCK);
    await client.query('CREATE TABLE IF NOT EXISTS queue_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL)');
    const { rows } = await client.query<{ version: number }>('SELECT version FROM queue_migrations');
    const applied = new Set(rows.map((row) => row.version));
    for (const migration of POSTGRES_QUEUE_MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      await client.query('BEGIN');
      await client.query(migration.sql);
      await client.query('INSERT INTO queue_migrations (version, applied_at) VALUES ($1, now())', [migration.version]);
      await client.query('COMMIT');
    }
    await client.query('SELECT pg_advisory_unlock($1, $2)', MIGRATION_LOCK);
    client.release();
  } catch (error) {
    // Discarding the connection ends its session: the open transaction rolls back and the lock is freed.
    client.release(error instanceof Error ? error : true);
    throw error;
  }
}
