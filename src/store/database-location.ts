import { join } from 'node:path';
import type { DatabaseLocation, SqliteSynchronous } from './database.js';

/** How the configuration names the database: DATABASE_URL and DATA_DIR. */
export interface StorageOptions {
  readonly databaseUrl?: string;
  readonly dataDir: string;
  readonly sqliteSynchronous?: SqliteSynchronous;
}

/**
 * PostgreSQL when `databaseUrl` is given (a postgres:// or postgresql:// URL; anything else is a
 * configuration error, not a silent fallback), otherwise the embedded SQLite file
 * `<dataDir>/bot.sqlite`, which every store shares.
 */
export function databaseLocation(options: StorageOptions): DatabaseLocation {
  if (options.databaseUrl) {
    if (!/^postgres(ql)?:\/\//i.test(options.databaseUrl)) throw new Error('DATABASE_URL must start with postgres:// or postgresql://');
    return { postgresUrl: options.databaseUrl };
  }
  return { sqliteFile: join(options.dataDir, 'bot.sqlite'), ...(options.sqliteSynchronous ? { synchronous: options.sqliteSynchronous } : {}) };
}
