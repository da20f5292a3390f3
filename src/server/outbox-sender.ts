import { DeliveryError, type ChannelAdapter } from '../channels/channel-adapter.js';
import type { Logger } from '../logging/logger.js';
import { WorkLoop } from './work-loop.js';
import type { MessageQueue } from './message-queue.js';

export interface SenderOptions {
  readonly concurrency: number;
  readonly leaseMs: number;
  readonly idleMs: number;
  /** After this many failed attempts a message is given up (kept as failed for staff). */
  readonly maxAttempts: number;
}

export const DEFAULT_SENDER_OPTIONS: SenderOptions = { concurrency: 4, leaseMs: 30_000, idleMs: 250, maxAttempts: 8 };

/**
 * Delivers the outbox through the channel adapters, in order per conversation. A platform's own
 * back-off (Telegram 429 retry_after, Zalo -32) is honoured; other temporary failures back off
 * exponentially; permanent ones (blocked bot, outside the interaction window) are not retried.
 */
export class OutboxSender {
  private readonly loop: WorkLoop;
  private readonly adapters: ReadonlyMap<string, ChannelAdapter>;

  constructor(
    private readonly queue: MessageQueue,
    adapters: readonly ChannelAdapter[],
    private readonly logger: Logger,
    private readonly options: SenderOptions = DEFAULT_SENDER_OPTIONS,
    /** Told of every failed delivery (metrics). */
    private readonly onFailure: (channel: string, result: 'retried' | 'given_up') => void = () => undefined,
  ) {
    this.adapters = new Map(adapters.map((a) => [a.channel, a]));
    this.loop = new WorkLoop(() => this.once(), (e) => logger.error('outbox sender failed', e), options.concurrency, options.idleMs);
  }

  start(): void {
    this.loop.start();
  }

  /** Called when new work was just stored, so it is handled without waiting for the idle poll. */
  notify(): void {
    this.loop.notify();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  async once(): Promise<boolean> {
    const item = await this.queue.claimOutbound(new Date(), this.options.leaseMs);
    if (!item) return false;
    const adapter = this.adapters.get(item.channel);
    if (!adapter) {
      await this.queue.failOutbound(item.id, `no adapter for channel ${item.channel}`, new Date());
      return true;
    }
    try {
      await adapter.deliver(item.conversationId, item.replies);
      await this.queue.completeOutbound(item.id, new Date());
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      const attempts = item.attempts + 1;
      if ((e instanceof DeliveryError && e.options.permanent) || attempts >= this.options.maxAttempts) {
        this.logger.warn('delivery given up', { channel: item.channel, conversationId: item.conversationId, error: message });
        this.onFailure(item.channel, 'given_up');
        await this.queue.failOutbound(item.id, message, new Date());
      } else {
        const wait = e instanceof DeliveryError && e.options.retryAfterMs !== undefined ? e.options.retryAfterMs : Math.min(300_000, 1000 * 2 ** item.attempts);
        this.onFailure(item.channel, 'retried');
        await this.queue.retryOutbound(item.id, new Date(Date.now() + wait), message);
      }
    }
    return true;
  }
}
