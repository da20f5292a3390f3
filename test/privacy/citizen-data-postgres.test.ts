import { SqlConversationStore } from '../../src/store/conversation-store.js';
import { SqlStaffStore } from '../../src/store/staff-store.js';
import { SqlMessageQueue } from '../../src/store/message-queue-store.js';
import { SqlTurnLog } from '../../src/store/turn-log-store.js';
import { freshPostgresSchema } from '../support/fresh-postgres-schema.js';
import { citizenDataContract } from './citizen-data-contract.js';

citizenDataContract('PostgreSQL', async () => {
  const schema = await freshPostgresSchema();
  const location = { postgresUrl: schema.url };
  const [store, queue, turnLog, staff] = [await SqlConversationStore.open(location), await SqlMessageQueue.open(location), await SqlTurnLog.open(location), await SqlStaffStore.open(location)];
  return {
    store,
    queue,
    turnLog,
    staff,
    dispose: async () => {
      await Promise.all([store.close(), queue.close(), turnLog.close(), staff.close()]);
      await schema.drop();
    },
  };
});
