import { sql, type Kysely, type Migration } from 'kysely';
import { dialectOf } from './dialect-of.js';

/**
 * A store's first migration: creates its tables, unless the migration runner before Kysely already
 * did — it recorded version 1 in `legacyTable` (schema_migrations, queue_migrations…) — in which
 * case the tables are taken over as they are.
 */
export function initialSchema(legacyTable: string, ddl: { readonly sqlite: readonly string[]; readonly postgres: readonly string[] }): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      if ((await legacyVersion(db, legacyTable)) >= 1) return;
      // One statement at a time: better-sqlite3 prepares one statement at a time.
      for (const statement of ddl[dialectOf(db)]) await sql.raw(statement).execute(db);
    },
  };
}

/** The version recorded in `table` by the runner before Kysely, 0 when there is no such table. */
async function legacyVersion(db: Kysely<unknown>, table: string): Promise<number> {
  const exists =
    dialectOf(db) === 'postgres'
      ? sql<{ found: boolean }>`SELECT to_regclass(${table}) IS NOT NULL AS found`
      : sql<{ found: number }>`SELECT count(*) AS found FROM sqlite_master WHERE type = 'table' AND name = ${table}`;
  const { rows } = await exists.execute(db);
  if (!rows[0]?.found) return 0;
  const { rows: versions } = await sql<{ version: number | null }>`SELECT max(version) AS version FROM ${sql.table(table)}`.execute(db);
  return versions[0]?.version ?? 0;
}
