import type { Inbox, InboundUpdate } from '../../src/channels/channel-adapter.js';

/** An in-memory inbox: records accepted updates, dedupes by (channel, platformMessageId), can be made to fail. */
export class MemoryInbox implements Inbox {
  readonly stored: InboundUpdate[] = [];
  private readonly keys = new Set<string>();
  private failuresLeft = 0;

  /** The next `count` accepts throw, as a database that is down would. */
  failNext(count: number): void {
    this.failuresLeft = count;
  }

  async accept(update: InboundUpdate): Promise<'stored' | 'duplicate'> {
    if (this.failuresLeft > 0) {
      this.failuresLeft -= 1;
      throw new Error('database unavailable');
    }
    const key = `${update.channel}\u0000${update.platformMessageId}`;
    if (this.keys.has(key)) return 'duplicate';
    this.keys.add(key);
    this.stored.push(update);
    return 'stored';
  }
}
