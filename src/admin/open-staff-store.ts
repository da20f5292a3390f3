import type { StaffStore } from './staff-store.js';
import { databaseLocation, type StorageOptions } from '../store/database-location.js';
import { SqlStaffStore } from '../store/staff-store.js';

/** The staff store where `options` say, in the same database as the conversation store (see databaseLocation). */
export async function openStaffStore(options: StorageOptions): Promise<StaffStore> {
  return SqlStaffStore.open(databaseLocation(options));
}
