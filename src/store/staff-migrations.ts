import type { MigrationSet } from './database.js';
import { initialSchema } from './legacy-migrations.js';

// Times are epoch milliseconds on SQLite.
const SQLITE = [
  `CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('editor', 'publisher', 'admin')),
    password_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1))
  ) STRICT`,
  `CREATE TABLE sessions (
    id TEXT PRIMARY KEY, -- SHA-256 of the session id in the cookie, hex
    user_id INTEGER NOT NULL REFERENCES users (id),
    csrf_token TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  ) STRICT`,
  `CREATE INDEX sessions_user ON sessions (user_id)`,
  `CREATE INDEX sessions_expires ON sessions (expires_at)`,
  `CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    "user" TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    "before" TEXT CHECK ("before" IS NULL OR json_valid("before")),
    "after" TEXT CHECK ("after" IS NULL OR json_valid("after"))
  ) STRICT`,
  `CREATE TABLE login_attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    username TEXT NOT NULL,
    address TEXT NOT NULL,
    at INTEGER NOT NULL
  ) STRICT`,
  `CREATE INDEX login_attempts_username ON login_attempts (username, at)`,
  `CREATE INDEX login_attempts_address ON login_attempts (address, at)`,
  `CREATE INDEX login_attempts_at ON login_attempts (at)`,
];

const POSTGRES = [
  `CREATE TABLE users (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username text NOT NULL UNIQUE,
    display_name text NOT NULL,
    role text NOT NULL CHECK (role IN ('editor', 'publisher', 'admin')),
    password_hash text NOT NULL,
    created_at timestamptz NOT NULL,
    disabled boolean NOT NULL DEFAULT false
  )`,
  `CREATE TABLE sessions (
    id text PRIMARY KEY, -- SHA-256 of the session id in the cookie, hex
    user_id integer NOT NULL REFERENCES users (id),
    csrf_token text NOT NULL,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL
  )`,
  `CREATE INDEX sessions_user ON sessions (user_id)`,
  `CREATE INDEX sessions_expires ON sessions (expires_at)`,
  `CREATE TABLE audit_log (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at timestamptz NOT NULL,
    "user" text NOT NULL,
    action text NOT NULL,
    target text NOT NULL,
    before jsonb,
    after jsonb
  )`,
  `CREATE TABLE login_attempts (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username text NOT NULL,
    address text NOT NULL,
    at timestamptz NOT NULL
  )`,
  `CREATE INDEX login_attempts_username ON login_attempts (username, at)`,
  `CREATE INDEX login_attempts_address ON login_attempts (address, at)`,
  `CREATE INDEX login_attempts_at ON login_attempts (at)`,
];

/** The staff accounts, sessions, audit log and failed logins: schema changes; a released migration is never edited, only followed by a new one. */
export const STAFF_MIGRATIONS: MigrationSet = {
  table: 'migrations_staff',
  migrations: {
    '0001_users_sessions_audit_logins': initialSchema('admin_migrations', { sqlite: SQLITE, postgres: POSTGRES }),
  },
};
