import { MemoryStaffStore } from '../../src/admin/memory-staff-store.js';
import { staffStoreContract } from './store-contract.js';

staffStoreContract('memory', async () => ({ staff: new MemoryStaffStore(), dispose: async () => undefined }));
