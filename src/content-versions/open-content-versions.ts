import type { ContentVersionStore } from './content-version-store.js';
import { databaseLocation, type StorageOptions } from '../store/database-location.js';
import { SqlContentVersions } from '../store/content-version-store.js';

/** The content versions where `options` say, in the same database as the conversation store (see databaseLocation). */
export async function openContentVersions(options: StorageOptions): Promise<ContentVersionStore> {
  return SqlContentVersions.open(databaseLocation(options));
}
