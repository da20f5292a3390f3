import type { TurnResult } from '../engine/engine.js';
import type { LiveBot } from '../live-bot.js';
import type { Logger } from '../logging/logger.js';
import { WorkLoop } from './work-loop.js';
import type { InboxItem, MessageQueue } from './message-queue.js';

export interface WorkerOptions {
  /** Parallel loops; each handles one conversation at a time (the queue keeps per-conversation order). */
  readonly concurrency: number;
  /** A claimed item not completed within this time is handed to another worker (crash recovery). */
  readonly leaseMs: number;
  /** How often an idle loop looks for work (other instances may have stored updates). */
  readonly idleMs: number;
}

/** A turn the worker completed: the inbox item, what the engine made of it and how long the engine took. */
export interface HandledTurn {
  readonly item: InboxItem;
  readonly result: TurnResult;
  readonly latencyMs: number;
}

export const DEFAULT_WORKER_OPTIONS: WorkerOptions = { concurrency: 4, leaseMs: 30_000, idleMs: 250 };

/**
 * Takes stored updates from the inbox, runs them through the engine and puts the replies in the
 * outbox. The engine recognises a message it already handled, so an item re-claimed after a crash
 * is not answered twice.
 */
export class InboundWorker {
  private readonly loop: WorkLoop;
  private readonly leaseMs: number;

  constructor(
    private readonly queue: MessageQueue,
    /** Read once per turn: a turn finishes on the engine it started on, even if a new version is swapped in meanwhile. */
    private readonly live: LiveBot,
    private readonly logger: Logger,
    options: WorkerOptions = DEFAULT_WORKER_OPTIONS,
    /** Called after replies were put in the outbox. */
    private readonly onReplies: () => void = () => undefined,
    /** Called after each completed turn (e.g. to log it for staff); its failures are logged, never fail the turn. */
    private readonly onTurn?: (turn: HandledTurn) => Promise<void>,
  ) {
    this.leaseMs = options.leaseMs;
    this.loop = new WorkLoop(() => this.once(), (e) => logger.error('inbound worker failed', e), options.concurrency, options.idleMs);
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

  /** Handles one item; false when there was nothing to do. */
  async once(): Promise<boolean> {
    const item = await this.queue.claimInbound(new Date(), this.leaseMs);
    if (!item) return false;
    let handled: HandledTurn;
    try {
      const started = performance.now();
      const result = await this.live.current().engine.handleTurn({
        channel: item.channel,
        conversationId: item.conversationId,
        userId: item.userId,
        platformMessageId: item.platformMessageId,
        ...(item.payload !== undefined ? { payload: item.payload } : { text: item.text ?? '' }),
        receivedAt: item.receivedAt,
      });
      handled = { item, result, latencyMs: performance.now() - started };
      const outbound = result.replies.length > 0 ? { channel: item.channel, conversationId: item.conversationId, replies: result.replies } : undefined;
      await this.queue.completeInbound(item.id, outbound, new Date());
      if (outbound) this.onReplies();
    } catch (e) {
      const backoff = Math.min(60_000, 1000 * 2 ** item.attempts);
      // If the lease ran out meanwhile another worker owns the item; releasing it is then refused.
      await this.queue
        .releaseInbound(item.id, new Date(Date.now() + backoff), e instanceof Error ? e.message : String(e))
        .catch(() => undefined);
      throw e;
    }
    await this.onTurn?.(handled).catch((e: unknown) => this.logger.error('turn not logged', e));
    return true;
  }
}
