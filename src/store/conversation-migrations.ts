import type { MigrationSet } from './database.js';
import { initialSchema } from './legacy-migrations.js';

const SQLITE = [
  `CREATE TABLE events (
    conversation_key TEXT NOT NULL,
    seq INTEGER NOT NULL,
    at INTEGER NOT NULL, -- epoch milliseconds
    user_id TEXT NOT NULL,
    type TEXT NOT NULL,
    data TEXT NOT NULL CHECK (json_valid(data)),
    PRIMARY KEY (conversation_key, seq)
  ) STRICT`,
  'CREATE INDEX events_at ON events (at)',
  `CREATE TABLE handovers (
    conversation_key TEXT PRIMARY KEY,
    channel TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    reason TEXT NOT NULL CHECK (reason IN ('requested', 'unresolved')),
    opened_at INTEGER NOT NULL,
    released_at INTEGER
  ) STRICT`,
  'CREATE INDEX handovers_open ON handovers (opened_at) WHERE released_at IS NULL',
  `CREATE TABLE ratings (
    conversation_key TEXT NOT NULL,
    answer_seq INTEGER NOT NULL,
    helpful INTEGER NOT NULL CHECK (helpful IN (0, 1)),
    question TEXT,
    intent TEXT,
    at INTEGER NOT NULL,
    PRIMARY KEY (conversation_key, answer_seq)
  ) STRICT`,
  'CREATE INDEX ratings_at ON ratings (at)',
];

const POSTGRES = [
  `CREATE TABLE events (
    conversation_key text NOT NULL,
    seq integer NOT NULL,
    at timestamptz NOT NULL,
    user_id text NOT NULL,
    type text NOT NULL,
    data jsonb NOT NULL,
    PRIMARY KEY (conversation_key, seq)
  )`,
  'CREATE INDEX events_at ON events (at)',
  `CREATE TABLE handovers (
    conversation_key text PRIMARY KEY,
    channel text NOT NULL,
    conversation_id text NOT NULL,
    user_id text NOT NULL,
    reason text NOT NULL CHECK (reason IN ('requested', 'unresolved')),
    opened_at timestamptz NOT NULL,
    released_at timestamptz
  )`,
  'CREATE INDEX handovers_open ON handovers (opened_at) WHERE released_at IS NULL',
  `CREATE TABLE ratings (
    conversation_key text NOT NULL,
    answer_seq integer NOT NULL,
    helpful boolean NOT NULL,
    question text,
    intent text,
    at timestamptz NOT NULL,
    PRIMARY KEY (conversation_key, answer_seq)
  )`,
  'CREATE INDEX ratings_at ON ratings (at)',
];

/** The conversation store's schema changes; a released migration is never edited, only followed by a new one. */
export const CONVERSATION_MIGRATIONS: MigrationSet = {
  table: 'migrations_conversations',
  migrations: {
    '0001_events_handovers_ratings': initialSchema('schema_migrations', { sqlite: SQLITE, postgres: POSTGRES }),
  },
};
