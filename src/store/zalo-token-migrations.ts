import type { MigrationSet } from './database.js';
import { initialSchema } from './legacy-migrations.js';

const SQLITE = [
  `CREATE TABLE zalo_tokens (
    oa TEXT PRIMARY KEY,
    access_token TEXT,
    refresh_token TEXT NOT NULL,
    access_token_expires_at INTEGER,
    updated_at INTEGER NOT NULL
  ) STRICT`,
];

const POSTGRES = [
  `CREATE TABLE zalo_tokens (
    oa text PRIMARY KEY,
    access_token text,
    refresh_token text NOT NULL,
    access_token_expires_at bigint,
    updated_at timestamptz NOT NULL
  )`,
];

/** The Zalo token pairs' schema changes; a released migration is never edited, only followed by a new one. */
export const ZALO_TOKEN_MIGRATIONS: MigrationSet = {
  table: 'migrations_zalo_tokens',
  migrations: {
    '0001_zalo_tokens': initialSchema('zalo_token_migrations', { sqlite: SQLITE, postgres: POSTGRES }),
  },
};
