import type pg from 'pg';
import { runMigrations } from '../../store/postgres/run-migrations.js';

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

/** Applies the migrations not yet recorded; instances starting at once wait for each other. */
export function migrateQueue(pool: pg.Pool): Promise<void> {
  return runMigrations(pool, 'queue_migrations', [0x7472_6f6c, 2], POSTGRES_QUEUE_MIGRATIONS);
}
