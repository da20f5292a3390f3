import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqlConversationStore } from '../../src/store/conversation-store.js';
import { SqlStaffStore } from '../../src/store/staff-store.js';
import { SqlMessageQueue } from '../../src/store/message-queue-store.js';
import { SqlTurnLog } from '../../src/store/turn-log-store.js';
import { citizenDataContract } from './citizen-data-contract.js';

citizenDataContract('SQLite file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'citizen-sqlite-'));
  const location = { sqliteFile: join(dir, 'bot.sqlite') };
  const [store, queue, turnLog, staff] = [await SqlConversationStore.open(location), await SqlMessageQueue.open(location), await SqlTurnLog.open(location), await SqlStaffStore.open(location)];
  return {
    store,
    queue,
    turnLog,
    staff,
    dispose: async () => {
      await Promise.all([store.close(), queue.close(), turnLog.close(), staff.close()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
