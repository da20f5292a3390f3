import type { Inbox, InboundUpdate } from '../../src/channels/channel-adapter.js';

/** Records accepted updates, deduped by (channel, platformMessageId) like the real queue. */
export class MemoryInbox implements Inbox {
  readonly updates: InboundUpdate[] = [];

  async accept(update: InboundUpdate): Promise<'stored' | 'duplicate'> {
    if (this.updates.some((u) => u.channel === update.channel && u.platformMessageId === update.platformMessageId)) return 'duplicate';
    this.updates.push(update);
    return 'stored';
  }
}
