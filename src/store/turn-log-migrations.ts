import type { MigrationSet } from './database.js';
import { initialSchema } from './legacy-migrations.js';

// Times are epoch milliseconds on SQLite.
const SQLITE = [
  `CREATE TABLE turn_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    channel TEXT NOT NULL,
    conversation_key TEXT NOT NULL,
    text TEXT, -- masked
    folded TEXT,
    outcome TEXT NOT NULL,
    intent TEXT,
    aspect TEXT,
    top_intents TEXT NOT NULL CHECK (json_valid(top_intents)),
    top_score REAL,
    latency_ms REAL NOT NULL,
    helpful INTEGER CHECK (helpful IN (0, 1))
  ) STRICT`,
  `CREATE INDEX turn_log_at ON turn_log (at)`,
  `CREATE INDEX turn_log_conversation ON turn_log (conversation_key, at)`,
  `CREATE TABLE review_status (
    folded TEXT PRIMARY KEY,
    status TEXT NOT NULL CHECK (status IN ('new', 'done', 'ignored')),
    updated_at INTEGER NOT NULL,
    updated_by TEXT NOT NULL
  ) STRICT`,
];

const POSTGRES = [
  `CREATE TABLE turn_log (
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
  )`,
  `CREATE INDEX turn_log_at ON turn_log (at)`,
  `CREATE INDEX turn_log_conversation ON turn_log (conversation_key, at)`,
  `CREATE TABLE review_status (
    folded text PRIMARY KEY,
    status text NOT NULL CHECK (status IN ('new', 'done', 'ignored')),
    updated_at timestamptz NOT NULL,
    updated_by text NOT NULL
  )`,
];

/** The turn log and review status: schema changes; a released migration is never edited, only followed by a new one. */
export const TURN_LOG_MIGRATIONS: MigrationSet = {
  table: 'migrations_turn_log',
  migrations: {
    '0001_turn_log_review_status': initialSchema('turn_log_migrations', { sqlite: SQLITE, postgres: POSTGRES }),
  },
};
