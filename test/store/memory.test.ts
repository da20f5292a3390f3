import { MemoryConversationStore } from '../../src/store/memory-store.js';
import { storeContract } from './contract.js';

storeContract(
  'memory',
  async () => {
    const store = new MemoryConversationStore();
    return { store, dispose: () => store.close() };
  },
  { parallelConversations: true },
);
