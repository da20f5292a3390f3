import { sql, type Kysely } from 'kysely';
import type { MigrationSet } from './database.js';
import { initialSchema } from './legacy-migrations.js';

// Times are epoch milliseconds on SQLite.
const SQLITE = [
  `CREATE TABLE inbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    channel TEXT NOT NULL,
    platform_message_id TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    text TEXT,
    payload TEXT,
    received_at INTEGER NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'claimed', 'done')),
    lease_until INTEGER CHECK ((lease_until IS NOT NULL) = (status = 'claimed')),
    not_before INTEGER,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    UNIQUE (channel, platform_message_id)
  ) STRICT`,
  `CREATE INDEX inbox_unfinished ON inbox (channel, conversation_id, id) WHERE status <> 'done'`,
  `CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    channel TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    replies TEXT NOT NULL CHECK (json_valid(replies)),
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed')),
    lease_until INTEGER CHECK (lease_until IS NULL OR status = 'pending'),
    not_before INTEGER,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    created_at INTEGER NOT NULL,
    done_at INTEGER
  ) STRICT`,
  `CREATE INDEX outbox_pending ON outbox (channel, conversation_id, id) WHERE status = 'pending'`,
  `CREATE INDEX outbox_failed ON outbox (id) WHERE status = 'failed'`,
];

const POSTGRES = [
  `CREATE TABLE inbox (
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
  )`,
  `CREATE INDEX inbox_unfinished ON inbox (channel, conversation_id, id) WHERE status <> 'done'`,
  `CREATE TABLE outbox (
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
  )`,
  `CREATE INDEX outbox_pending ON outbox (channel, conversation_id, id) WHERE status = 'pending'`,
  `CREATE INDEX outbox_failed ON outbox (id) WHERE status = 'failed'`,
];

/**
 * The claim scans unfinished items in id order; without an index of its own that scan starts at the
 * first item ever stored and passes every finished one (kept until the retention purge), so each
 * claim got slower as the queue's history grew.
 */
const CLAIM_INDEXES = [
  `CREATE INDEX inbox_claimable ON inbox (id) WHERE status <> 'done'`,
  `CREATE INDEX outbox_claimable ON outbox (id) WHERE status = 'pending'`,
];

/** The inbox/outbox's schema changes; a released migration is never edited, only followed by a new one. */
export const QUEUE_MIGRATIONS: MigrationSet = {
  table: 'migrations_queue',
  migrations: {
    '0001_inbox_outbox': initialSchema('queue_migrations', { sqlite: SQLITE, postgres: POSTGRES }),
    '0002_claim_indexes': {
      async up(db: Kysely<unknown>): Promise<void> {
        for (const statement of CLAIM_INDEXES) await sql.raw(statement).execute(db);
      },
    },
  },
};
