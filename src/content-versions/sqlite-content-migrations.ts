import type Database from 'better-sqlite3';

/**
 * Schema changes in order; a released migration is never edited, only followed by a new one.
 * The content versions keep their own table and version table, so they can share the conversation
 * store's file. Times are epoch milliseconds.
 */
export const SQLITE_CONTENT_MIGRATIONS: readonly { readonly version: number; readonly sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE content_versions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        files TEXT NOT NULL CHECK (json_valid(files)),
        status TEXT NOT NULL CHECK (status IN ('draft', 'published', 'superseded')),
        author TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        published_at INTEGER CHECK ((published_at IS NULL) = (status = 'draft')),
        published_by TEXT,
        note TEXT,
        base_version INTEGER REFERENCES content_versions (id)
      ) STRICT;
      CREATE UNIQUE INDEX content_versions_one_published ON content_versions (status) WHERE status = 'published';
    `,
  },
];

/** Applies the migrations not yet recorded, under the database's write lock so concurrent openers do not race. */
export function migrateContent(db: Database.Database): void {
  db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS content_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL) STRICT');
    const applied = new Set(db.prepare<[], number>('SELECT version FROM content_migrations').pluck().all());
    const record = db.prepare<[number, string]>('INSERT INTO content_migrations (version, applied_at) VALUES (?, ?)');
    for (const migration of SQLITE_CONTENT_MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      db.exec(migration.sql);
      record.run(migration.version, new Date().toISOString());
    }
  }).immediate();
}
