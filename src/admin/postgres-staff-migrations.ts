import type pg from 'pg';

/**
 * Schema changes in order; a released migration is never edited, only followed by a new one.
 * The staff tables keep their own version table, so they can share the conversation store's schema.
 */
export const POSTGRES_STAFF_MIGRATIONS: readonly { readonly version: number; readonly sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE users (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        username text NOT NULL UNIQUE,
        display_name text NOT NULL,
        role text NOT NULL CHECK (role IN ('editor', 'publisher', 'admin')),
        password_hash text NOT NULL,
        created_at timestamptz NOT NULL,
        disabled boolean NOT NULL DEFAULT false
      );

      CREATE TABLE sessions (
        id text PRIMARY KEY, -- SHA-256 of the session id in the cookie, hex
        user_id integer NOT NULL REFERENCES users (id),
        csrf_token text NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX sessions_user ON sessions (user_id);
      CREATE INDEX sessions_expires ON sessions (expires_at);

      CREATE TABLE audit_log (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL,
        "user" text NOT NULL,
        action text NOT NULL,
        target text NOT NULL,
        before jsonb,
        after jsonb
      );

      CREATE TABLE login_attempts (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        username text NOT NULL,
        address text NOT NULL,
        at timestamptz NOT NULL
      );
      CREATE INDEX login_attempts_username ON login_attempts (username, at);
      CREATE INDEX login_attempts_address ON login_attempts (address, at);
      CREATE INDEX login_attempts_at ON login_attempts (at);
    `,
  },
];

/**
 * Session advisory lock held while migrating: next to the conversation store's (0x7472_6f6c, 1)
 * and the queue's (0x7472_6f6c, 2) in the two-integer key space.
 */
const MIGRATION_LOCK = [0x7472_6f6c, 3];

/** Applies the migrations not yet recorded; instances starting at once wait for each other. */
export async function migrateStaff(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1, $2)', MIGRATION_LOCK);
    await client.query('CREATE TABLE IF NOT EXISTS admin_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL)');
    const { rows } = await client.query<{ version: number }>('SELECT version FROM admin_migrations');
    const applied = new Set(rows.map((row) => row.version));
    for (const migration of POSTGRES_STAFF_MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      await client.query('BEGIN');
      await client.query(migration.sql);
      await client.query('INSERT INTO admin_migrations (version, applied_at) VALUES ($1, now())', [migration.version]);
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
