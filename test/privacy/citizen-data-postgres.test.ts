import { citizenDataContract } from './citizen-data-contract.js';
import { openPostgresStores } from './open-all-stores.js';

citizenDataContract('PostgreSQL', openPostgresStores);
