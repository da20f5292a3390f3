import type pg from 'pg';

export interface PostgresMigration {
  readonly version: number;
  readonly sql: string;
}

/**
 * Applies the migrations not yet recorded in `table`, under a session advisory lock so instances
 * starting at once wait for each other. Each module (conversations, queue…) has its own table and
 * lock number in the two-integer key space, which per-conversation bigint locks never use.
 */
export async function runMigrations(
  pool: pg.Pool,
  table: string,
  lock: readonly [number, number],
  migrations: readonly PostgresMigration[],
): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1, $2)', [...lock]);
    await client.query(`CREATE TABLE IF NOT EXISTS ${table} (version integer PRIMARY KEY, applied_at timestamptz NOT NULL)`);
    const { rows } = await client.query<{ version: number }>(`SELECT version FROM ${table}`);
    const applied = new Set(rows.map((row) => row.version));
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      await client.query('BEGIN');
      await client.query(migration.sql);
      await client.query(`INSERT INTO ${table} (version, applied_at) VALUES ($1, now())`, [migration.version]);
      await client.query('COMMIT');
    }
    await client.query('SELECT pg_advisory_unlock($1, $2)', [...lock]);
    client.release();
  } catch (error) {
    // Discarding the connection ends its session: the open transaction rolls back and the lock is freed.
    client.release(error instanceof Error ? error : true);
    throw error;
  }
}
