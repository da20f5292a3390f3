import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { retryWhileBusy } from '../retry-while-busy.js';

const LOCK_TIMEOUT_MS = 10_000;

/**
 * Opens (creating if needed) the SQLite file several stores share and runs one store's migrations.
 * No busy timeout inside SQLite: waiting for locks, from the switch to WAL on, is left to
 * retryWhileBusy, so a lock held by this very process never blocks the event loop.
 */
export async function openSharedSqlite(path: string, migrate: (db: Database.Database) => void): Promise<Database.Database> {
  mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { timeout: 0 });
  try {
    await retryWhileBusy(() => {
      db.pragma('journal_mode = WAL');
      migrate(db);
    }, LOCK_TIMEOUT_MS);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
