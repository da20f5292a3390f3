import { SqlConversationStore } from '../../src/store/conversation-store.js';
import { SqlMessageQueue } from '../../src/store/message-queue-store.js';
import { SqlTurnLog } from '../../src/store/turn-log-store.js';
import { freshPostgresSchema } from '../support/fresh-postgres-schema.js';
import { citizenDataContract } from './citizen-data-contract.js';

citizenDataContract('PostgreSQL', async () => {
  const schema = await freshPostgresSchema();
  const location = { postgresUrl: schema.url };
  const [store, queue, turnLog] = [await SqlConversationStore.open(location), await SqlMessageQueue.open(location), await SqlTurnLog.open(location)];
  return {
    store,
    queue,
    turnLog,
    dispose: async () => {
      await Promise.all([store.close(), queue.close(), turnLog.close()]);
      await schema.drop();
    },
  };
});
