import type pg from 'pg';

/** Schema changes in order; a released migration is never edited, only followed by a new one. */
export const POSTGRES_MIGRATIONS: readonly { readonly version: number; readonly sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE events (
        conversation_key text NOT NULL,
        seq integer NOT NULL,
        at timestamptz NOT NULL,
        user_id text NOT NULL,
        type text NOT NULL,
        data jsonb NOT NULL,
        PRIMARY KEY (conversation_key, seq)
      );
      CREATE INDEX events_at ON events (at);

      CREATE TABLE handovers (
        conversation_key text PRIMARY KEY,
        channel text NOT NULL,
        conversation_id text NOT NULL,
        user_id text NOT NULL,
        reason text NOT NULL CHECK (reason IN ('requested', 'unresolved')),
        opened_at timestamptz NOT NULL,
        released_at timestamptz
      );
      CREATE INDEX handovers_open ON handovers (opened_at) WHERE released_at IS NULL;

      CREATE TABLE ratings (
        conversation_key text NOT NULL,
        answer_seq integer NOT NULL,
        helpful boolean NOT NULL,
        question text,
        intent text,
        at timestamptz NOT NULL,
        PRIMARY KEY (conversation_key, answer_seq)
      );
      CREATE INDEX ratings_at ON ratings (at);
    `,
  },
];

/**
 * Session advisory lock held while migrating. The two-integer form lives in a different key
 * space from the bigint locks taken per conversation, so the two can never collide.
 */
const MIGRATION_LOCK = [0x7472_6f6c, 1];

/** Applies the migrations not yet recorded; instances starting at once wait for each other. */
export async function migrate(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1, $2)', MIGRATION_LOCK);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL)',
    );
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((row) => row.version));
    for (const migration of POSTGRES_MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      await client.query('BEGIN');
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, now())', [migration.version]);
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
