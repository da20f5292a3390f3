import { MemoryMessageQueue } from '../../src/server/queue/memory-queue.js';
import { queueContract } from './contract.js';

queueContract('memory', async () => {
  const queue = new MemoryMessageQueue();
  return { queue, dispose: () => queue.close() };
});
