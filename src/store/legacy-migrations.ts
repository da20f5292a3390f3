import { sql, type Kysely } from 'kysely';
import { dialectOf } from './dialect-of.js';

/**
 * The version the migration runner before Kysely recorded in `table` (schema_migrations,
 * queue_migrations…), 0 when there is no such table: a database that version created already
 * has the tables, and its first Kysely migration only takes them over.
 */
export async function legacyVersion(db: Kysely<unknown>, table: string): Promise<number> {
  const exists =
    dialectOf(db) === 'postgres'
      ? sql<{ found: boolean }>`SELECT to_regclass(${table}) IS NOT NULL AS found`
      : sql<{ found: number }>`SELECT count(*) AS found FROM sqlite_master WHERE type = 'table' AND name = ${table}`;
  const { rows } = await exists.execute(db);
  if (!rows[0]?.found) return 0;
  const { rows: versions } = await sql<{ version: number | null }>`SELECT max(version) AS version FROM ${sql.table(table)}`.execute(db);
  return versions[0]?.version ?? 0;
}

/** Runs DDL statements one by one (better-sqlite3 prepares one statement at a time). */
export async function executeAll(db: Kysely<unknown>, statements: readonly string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
