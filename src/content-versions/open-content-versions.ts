import { join } from 'node:path';
import type { ContentVersionStore } from './content-version-store.js';

/**
 * PostgreSQL when `databaseUrl` is given (a postgres:// or postgresql:// URL), otherwise the
 * embedded SQLite file `<dataDir>/bot.sqlite` — the conversation store's database, next to its tables.
 */
export async function openContentVersions(options: { databaseUrl?: string; dataDir: string }): Promise<ContentVersionStore> {
  // Imported on demand so only the driver in use is loaded (better-sqlite3 is a native module).
  if (options.databaseUrl) {
    if (!/^postgres(ql)?:\/\//i.test(options.databaseUrl)) throw new Error('DATABASE_URL must start with postgres:// or postgresql://');
    const { PostgresContentVersions } = await import('./postgres-content-versions.js');
    return PostgresContentVersions.open(options.databaseUrl);
  }
  const { SqliteContentVersions } = await import('./sqlite-content-versions.js');
  return SqliteContentVersions.open(join(options.dataDir, 'bot.sqlite'));
}
