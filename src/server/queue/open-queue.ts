import type { MessageQueue } from '../message-queue.js';
import { databaseLocation, type StorageOptions } from '../../store/database-location.js';
import { SqlMessageQueue } from '../../store/message-queue-store.js';

/** The inbox/outbox where `options` say, in the same database as the conversation store (see databaseLocation). */
export async function openQueue(options: StorageOptions): Promise<MessageQueue> {
  return SqlMessageQueue.open(databaseLocation(options));
}
