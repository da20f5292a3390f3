import type pg from 'pg';
import { runMigrations } from './run-migrations.js';

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

/** Applies the migrations not yet recorded; instances starting at once wait for each other. */
export function migrate(pool: pg.Pool): Promise<void> {
  return runMigrations(pool, 'schema_migrations', [0x7472_6f6c, 1], POSTGRES_MIGRATIONS);
}
