import type Database from 'better-sqlite3';

/**
 * Schema changes in order; a released migration is never edited, only followed by a new one.
 * The turn log keeps its own version table, so it can share the conversation store's file.
 * Times are epoch milliseconds.
 */
export const SQLITE_TURN_LOG_MIGRATIONS: readonly { readonly version: number; readonly sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE turn_log (
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
      ) STRICT;
      CREATE INDEX turn_log_at ON turn_log (at);
      CREATE INDEX turn_log_conversation ON turn_log (conversation_key, at);

      CREATE TABLE review_status (
        folded TEXT PRIMARY KEY,
        status TEXT NOT NULL CHECK (status IN ('new', 'done', 'ignored')),
        updated_at INTEGER NOT NULL,
        updated_by TEXT NOT NULL
      ) STRICT;
    `,
  },
];

/** Applies the migrations not yet recorded, under the database's write lock so concurrent openers do not race. */
export function migrateTurnLog(db: Database.Database): void {
  db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS turn_log_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL) STRICT');
    const applied = new Set(db.prepare<[], number>('SELECT version FROM turn_log_migrations').pluck().all());
    const record = db.prepare<[number, string]>('INSERT INTO turn_log_migrations (version, applied_at) VALUES (?, ?)');
    for (const migration of SQLITE_TURN_LOG_MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      db.exec(migration.sql);
      record.run(migration.version, new Date().toISOString());
    }
  }).immediate();
}
