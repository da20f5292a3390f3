import type { ConversationStore } from '../engine/conversation-store.js';
import { SqlConversationStore } from './conversation-store.js';
import { databaseLocation, type StorageOptions } from './database-location.js';

/** The conversation store where `options` say (see databaseLocation). */
export async function openStore(options: StorageOptions): Promise<ConversationStore> {
  return SqlConversationStore.open(databaseLocation(options));
}
