import type { Inbox, InboundUpdate } from '../../src/channels/channel-adapter.js';

/**
 * An in-memory Inbox for tests: records stored updates, dedupes by (channel, platformMessageId),
 * and runs `onStored` after a new one is stored (as the real queue's worker would, later).
 */
export class MemoryInbox implements Inbox {
  readonly updates: InboundUpdate[] = [];
  private readonly keys = new Set<string>();

  constructor(private readonly onStored?: (update: InboundUpdate) => void) {}

  async accept(update: InboundUpdate): Promise<'stored' | 'duplicate'> {
    const key = `${update.channel}\u0000${update.platformMessageId}`;
    if (this.keys.has(key)) return 'duplicate';
    this.keys.add(key);
    this.updates.push(update);
    this.onStored?.(update);
    return 'stored';
  }
}
