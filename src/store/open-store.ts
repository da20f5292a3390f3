import { join } from 'node:path';
import type { ConversationStore } from '../engine/conversation-store.js';

/**
 * PostgreSQL when `databaseUrl` is given (a postgres:// or postgresql:// URL; anything else is a
 * configuration error, not a silent fallback), otherwise the embedded SQLite file `<dataDir>/bot.sqlite`.
 */
export async function openStore(options: { databaseUrl?: string; dataDir: string }): Promise<ConversationStore> {
  // Imported on demand so only the driver in use is loaded (better-sqlite3 is a native module).
  if (options.databaseUrl) {
    if (!/^postgres(ql)?:\/\//i.test(options.databaseUrl)) throw new Error('DATABASE_URL must start with postgres:// or postgresql://');
    const { PostgresConversationStore } = await import('./postgres/postgres-store.js');
    return PostgresConversationStore.open(options.databaseUrl);
  }
  const { SqliteConversationStore } = await import('./sqlite/sqlite-store.js');
  return SqliteConversationStore.open(join(options.dataDir, 'bot.sqlite'));
}
