import type Database from 'better-sqlite3';

/** Schema changes in order; a released migration is never edited, only followed by a new one. */
export const SQLITE_MIGRATIONS: readonly { readonly version: number; readonly sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE events (
        conversation_key TEXT NOT NULL,
        seq INTEGER NOT NULL,
        at INTEGER NOT NULL, -- epoch milliseconds
        user_id TEXT NOT NULL,
        type TEXT NOT NULL,
        data TEXT NOT NULL CHECK (json_valid(data)),
        PRIMARY KEY (conversation_key, seq)
      ) STRICT;
      CREATE INDEX events_at ON events (at);

      CREATE TABLE handovers (
        conversation_key TEXT PRIMARY KEY,
        channel TEXT NOT NULL,
        conversation_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        reason TEXT NOT NULL CHECK (reason IN ('requested', 'unresolved')),
        opened_at INTEGER NOT NULL,
        released_at INTEGER
      ) STRICT;
      CREATE INDEX handovers_open ON handovers (opened_at) WHERE released_at IS NULL;

      CREATE TABLE ratings (
        conversation_key TEXT NOT NULL,
        answer_seq INTEGER NOT NULL,
        helpful INTEGER NOT NULL CHECK (helpful IN (0, 1)),
        question TEXT,
        intent TEXT,
        at INTEGER NOT NULL,
        PRIMARY KEY (conversation_key, answer_seq)
      ) STRICT;
      CREATE INDEX ratings_at ON ratings (at);
    `,
  },
];

/** Applies the migrations not yet recorded, under the database's write lock so concurrent openers do not race. */
export function migrate(db: Database.Database): void {
  db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL) STRICT');
    const applied = new Set(db.prepare<[], number>('SELECT version FROM schema_migrations').pluck().all());
    const record = db.prepare<[number, string]>('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)');
    for (const migration of SQLITE_MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      db.exec(migration.sql);
      record.run(migration.version, new Date().toISOString());
    }
  }).immediate();
}
