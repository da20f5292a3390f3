import { openPostgresStores } from './open-all-stores.js';
import { retentionContract } from './retention-contract.js';

retentionContract('PostgreSQL', openPostgresStores);
