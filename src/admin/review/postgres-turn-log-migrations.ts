import type pg from 'pg';
import { runMigrations, type PostgresMigration } from '../../store/postgres/run-migrations.js';

/** Schema changes in order; a released migration is never edited, only followed by a new one. */
export const POSTGRES_TURN_LOG_MIGRATIONS: readonly PostgresMigration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE turn_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL,
        channel text NOT NULL,
        conversation_key text NOT NULL,
        text text, -- masked
        folded text,
        outcome text NOT NULL,
        intent text,
        aspect text,
        top_intents jsonb NOT NULL,
        top_score double precision,
        latency_ms double precision NOT NULL,
        helpful boolean
      );
      CREATE INDEX turn_log_at ON turn_log (at);
      CREATE INDEX turn_log_conversation ON turn_log (conversation_key, at);

      CREATE TABLE review_status (
        folded text PRIMARY KEY,
        status text NOT NULL CHECK (status IN ('new', 'done', 'ignored')),
        updated_at timestamptz NOT NULL,
        updated_by text NOT NULL
      );
    `,
  },
];

/** Applies the migrations not yet recorded; instances starting at once wait for each other. */
export function migrateTurnLog(pool: pg.Pool): Promise<void> {
  return runMigrations(pool, 'turn_log_migrations', [0x7472_6f6c, 5], POSTGRES_TURN_LOG_MIGRATIONS);
}
