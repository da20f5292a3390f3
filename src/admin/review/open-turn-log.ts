import { join } from 'node:path';
import type { TurnLog } from './turn-log.js';

/**
 * PostgreSQL when `databaseUrl` is given (a postgres:// or postgresql:// URL), otherwise the
 * embedded SQLite file `<dataDir>/bot.sqlite` — the same database as the conversation store.
 */
export async function openTurnLog(options: { databaseUrl?: string; dataDir: string }): Promise<TurnLog> {
  // Imported on demand so only the driver in use is loaded (better-sqlite3 is a native module).
  if (options.databaseUrl) {
    if (!/^postgres(ql)?:\/\//i.test(options.databaseUrl)) throw new Error('DATABASE_URL must start with postgres:// or postgresql://');
    const { PostgresTurnLog } = await import('./postgres-turn-log.js');
    return PostgresTurnLog.open(options.databaseUrl);
  }
  const { SqliteTurnLog } = await import('./sqlite-turn-log.js');
  return SqliteTurnLog.open(join(options.dataDir, 'bot.sqlite'));
}
