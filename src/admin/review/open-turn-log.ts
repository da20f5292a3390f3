import type { TurnLog } from './turn-log.js';
import { databaseLocation, type StorageOptions } from '../../store/database-location.js';
import { SqlTurnLog } from '../../store/turn-log-store.js';

/** The turn log where `options` say, in the same database as the conversation store (see databaseLocation). */
export async function openTurnLog(options: StorageOptions): Promise<TurnLog> {
  return SqlTurnLog.open(databaseLocation(options));
}
