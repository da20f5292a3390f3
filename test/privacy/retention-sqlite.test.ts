import { openSqliteStores } from './open-all-stores.js';
import { retentionContract } from './retention-contract.js';

retentionContract('SQLite file', openSqliteStores);
