import { PostgresAdapter, type Kysely } from 'kysely';
import type { Dialect } from './database.js';

/** Which database a Kysely instance (or transaction) talks to, for the few statements that differ. */
export const dialectOf = (db: Kysely<unknown>): Dialect => (db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite');
