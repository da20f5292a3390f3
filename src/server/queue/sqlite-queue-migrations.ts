import type Database from 'better-sqlite3';

/**
 * Schema changes in order; a released migration is never edited, only followed by a new one.
 * The queue keeps its own tables and version table, so it can share the conversation store's file.
 * Times are epoch milliseconds.
 */
export const SQLITE_QUEUE_MIGRATIONS: readonly { readonly version: number; readonly sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE inbox (
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
      ) STRICT;
      CREATE INDEX inbox_unfinished ON inbox (channel, conversation_id, id) WHERE status <> 'done';

      CREATE TABLE outbox (
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
      ) STRICT;
      CREATE INDEX outbox_pending ON outbox (channel, conversation_id, id) WHERE status = 'pending';
      CREATE INDEX outbox_failed ON outbox (id) WHERE status = 'failed';
    `,
  },
];

/** Applies the migrations not yet recorded, under the database's write lock so concurrent openers do not race. */
export function migrateQueue(db: Database.Database): void {
  db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS queue_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL) STRICT');
    const applied = new Set(db.prepare<[], number>('SELECT version FROM queue_migrations').pluck().all());
    const record = db.prepare<[number, string]>('INSERT INTO queue_migrations (version, applied_at) VALUES (?, ?)');
    for (const migration of SQLITE_QUEUE_MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      db.exec(migration.sql);
      record.run(migration.version, new Date().toISOString());
    }
  }).immediate();
}
