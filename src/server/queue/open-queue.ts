import { join } from 'node:path';
import type { MessageQueue } from '../message-queue.js';

/**
 * PostgreSQL when `databaseUrl` is given (a postgres:// or postgresql:// URL; anything else is a
 * configuration error, not a silent fallback), otherwise the embedded SQLite file
 * `<dataDir>/bot.sqlite` — the same database as the conversation store, next to its tables.
 */
export async function openQueue(options: { databaseUrl?: string; dataDir: string }): Promise<MessageQueue> {
  // Imported on demand so only the driver in use is loaded (better-sqlite3 is a native module).
  if (options.databaseUrl) {
    if (!/^postgres(ql)?:\/\//i.test(options.databaseUrl)) throw new Error('DATABASE_URL must start with postgres:// or postgresql://');
    const { PostgresMessageQueue } = await import('./postgres-queue.js');
    return PostgresMessageQueue.open(options.databaseUrl);
  }
  const { SqliteMessageQueue } = await import('./sqlite-queue.js');
  return SqliteMessageQueue.open(join(options.dataDir, 'bot.sqlite'));
}
