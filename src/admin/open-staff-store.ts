import { join } from 'node:path';
import type { StaffStore } from './staff-store.js';

/**
 * PostgreSQL when `databaseUrl` is given (a postgres:// or postgresql:// URL), otherwise the
 * embedded SQLite file `<dataDir>/bot.sqlite` — the same database as the conversation store.
 */
export async function openStaffStore(options: { databaseUrl?: string; dataDir: string }): Promise<StaffStore> {
  // Imported on demand so only the driver in use is loaded (better-sqlite3 is a native module).
  if (options.databaseUrl) {
    if (!/^postgres(ql)?:\/\//i.test(options.databaseUrl)) throw new Error('DATABASE_URL must start with postgres:// or postgresql://');
    const { PostgresStaffStore } = await import('./postgres-staff-store.js');
    return PostgresStaffStore.open(options.databaseUrl);
  }
  const { SqliteStaffStore } = await import('./sqlite-staff-store.js');
  return SqliteStaffStore.open(join(options.dataDir, 'bot.sqlite'));
}
