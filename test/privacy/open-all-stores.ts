import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseLocation } from '../../src/store/database.js';
import { SqlConversationStore } from '../../src/store/conversation-store.js';
import { SqlMessageQueue } from '../../src/store/message-queue-store.js';
import { SqlStaffStore } from '../../src/store/staff-store.js';
import { SqlTurnLog } from '../../src/store/turn-log-store.js';
import { freshPostgresSchema } from '../support/fresh-postgres-schema.js';

export interface AllStores {
  readonly store: SqlConversationStore;
  readonly queue: SqlMessageQueue;
  readonly turnLog: SqlTurnLog;
  readonly staff: SqlStaffStore;
  dispose(): Promise<void>;
}

async function openAt(location: DatabaseLocation, cleanUp: () => Promise<void> | void): Promise<AllStores> {
  const [store, queue, turnLog, staff] = [
    await SqlConversationStore.open(location),
    await SqlMessageQueue.open(location),
    await SqlTurnLog.open(location),
    await SqlStaffStore.open(location),
  ];
  return {
    store,
    queue,
    turnLog,
    staff,
    dispose: async () => {
      await Promise.all([store.close(), queue.close(), turnLog.close(), staff.close()]);
      await cleanUp();
    },
  };
}

/** Every store on one temporary SQLite file, as a server opens them. */
export function openSqliteStores(): Promise<AllStores> {
  const dir = mkdtempSync(join(tmpdir(), 'all-stores-'));
  return openAt({ sqliteFile: join(dir, 'bot.sqlite') }, () => rmSync(dir, { recursive: true, force: true }));
}

/** Every store in one fresh PostgreSQL schema. */
export async function openPostgresStores(): Promise<AllStores> {
  const schema = await freshPostgresSchema();
  return openAt({ postgresUrl: schema.url }, () => schema.drop());
}
