import type Database from 'better-sqlite3';

/**
 * Schema changes in order; a released migration is never edited, only followed by a new one.
 * The staff tables keep their own version table, so they can share the conversation store's file.
 * Times are epoch milliseconds.
 */
export const SQLITE_STAFF_MIGRATIONS: readonly { readonly version: number; readonly sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE users (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        username TEXT NOT NULL UNIQUE,
        display_name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('editor', 'publisher', 'admin')),
        password_hash TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1))
      ) STRICT;

      CREATE TABLE sessions (
        id TEXT PRIMARY KEY, -- SHA-256 of the session id in the cookie, hex
        user_id INTEGER NOT NULL REFERENCES users (id),
        csrf_token TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX sessions_user ON sessions (user_id);
      CREATE INDEX sessions_expires ON sessions (expires_at);

      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        "user" TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT NOT NULL,
        "before" TEXT CHECK ("before" IS NULL OR json_valid("before")),
        "after" TEXT CHECK ("after" IS NULL OR json_valid("after"))
      ) STRICT;

      CREATE TABLE login_attempts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        username TEXT NOT NULL,
        address TEXT NOT NULL,
        at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX login_attempts_username ON login_attempts (username, at);
      CREATE INDEX login_attempts_address ON login_attempts (address, at);
      CREATE INDEX login_attempts_at ON login_attempts (at);
    `,
  },
];

/** Applies the migrations not yet recorded, under the database's write lock so concurrent openers do not race. */
export function migrateStaff(db: Database.Database): void {
  db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS admin_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL) STRICT');
    const applied = new Set(db.prepare<[], number>('SELECT version FROM admin_migrations').pluck().all());
    const record = db.prepare<[number, string]>('INSERT INTO admin_migrations (version, applied_at) VALUES (?, ?)');
    for (const migration of SQLITE_STAFF_MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      db.exec(migration.sql);
      record.run(migration.version, new Date().toISOString());
    }
  }).immediate();
}
