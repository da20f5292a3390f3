import type { MigrationSet } from './database.js';
import { initialSchema } from './legacy-migrations.js';

// Times are epoch milliseconds on SQLite.
const SQLITE = [
  `CREATE TABLE content_versions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    files TEXT NOT NULL CHECK (json_valid(files)),
    status TEXT NOT NULL CHECK (status IN ('draft', 'published', 'superseded')),
    author TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    published_at INTEGER CHECK ((published_at IS NULL) = (status = 'draft')),
    published_by TEXT,
    note TEXT,
    base_version INTEGER REFERENCES content_versions (id)
  ) STRICT`,
  `CREATE UNIQUE INDEX content_versions_one_published ON content_versions (status) WHERE status = 'published'`,
];

const POSTGRES = [
  `CREATE TABLE content_versions (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    files jsonb NOT NULL,
    status text NOT NULL CHECK (status IN ('draft', 'published', 'superseded')),
    author text NOT NULL,
    created_at timestamptz NOT NULL,
    published_at timestamptz CHECK ((published_at IS NULL) = (status = 'draft')),
    published_by text,
    note text,
    base_version bigint REFERENCES content_versions (id)
  )`,
  `CREATE UNIQUE INDEX content_versions_one_published ON content_versions (status) WHERE status = 'published'`,
];

/** The content versions: schema changes; a released migration is never edited, only followed by a new one. */
export const CONTENT_MIGRATIONS: MigrationSet = {
  table: 'migrations_content',
  migrations: {
    '0001_content_versions': initialSchema('content_migrations', { sqlite: SQLITE, postgres: POSTGRES }),
  },
};
