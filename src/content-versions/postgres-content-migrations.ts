import type pg from 'pg';
import { runMigrations, type PostgresMigration } from '../store/postgres/run-migrations.js';

/**
 * Schema changes in order; a released migration is never edited, only followed by a new one.
 * The content versions keep their own table and version table, so they can share the
 * conversation store's schema.
 */
export const POSTGRES_CONTENT_MIGRATIONS: readonly PostgresMigration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE content_versions (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        files jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('draft', 'published', 'superseded')),
        author text NOT NULL,
        created_at timestamptz NOT NULL,
        published_at timestamptz CHECK ((published_at IS NULL) = (status = 'draft')),
        published_by text,
        note text,
        base_version bigint REFERENCES content_versions (id)
      );
      CREATE UNIQUE INDEX content_versions_one_published ON content_versions (status) WHERE status = 'published';
    `,
  },
];

/** Applies the migrations not yet recorded, under a session advisory lock of its own (next to the store's and the queue's). */
export function migrateContent(pool: pg.Pool): Promise<void> {
  return runMigrations(pool, 'content_migrations', [0x7472_6f6c, 4], POSTGRES_CONTENT_MIGRATIONS);
}
