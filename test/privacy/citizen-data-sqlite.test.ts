import { citizenDataContract } from './citizen-data-contract.js';
import { openSqliteStores } from './open-all-stores.js';

citizenDataContract('SQLite file', openSqliteStores);
