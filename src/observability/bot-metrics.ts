import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { TurnOutcome } from '../engine/engine.js';
import type { MessageQueue } from '../server/message-queue.js';

export type DeliveryFailure = 'retried' | 'given_up';
export type PublishEvent = 'published' | 'rolled_back' | 'refused' | 'adopted';

/**
 * The Prometheus metrics of one server, in a registry of its own (several servers may run in one
 * process in tests). Queue depths are read from the queue when scraped, never kept here.
 */
export class BotMetrics {
  readonly registry = new Registry();
  private readonly turns = new Counter({
    name: 'bot_turns_total',
    help: 'Turns handled by the engine, by channel and outcome',
    labelNames: ['channel', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly turnSeconds = new Histogram({
    name: 'bot_turn_duration_seconds',
    help: 'Time the engine took for a turn (store included), by channel',
    labelNames: ['channel'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  private readonly nluSeconds = new Histogram({
    name: 'bot_nlu_duration_seconds',
    help: 'Time the NLU took to analyse one message',
    buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1],
    registers: [this.registry],
  });
  private readonly deliveryFailures = new Counter({
    name: 'bot_delivery_failures_total',
    help: 'Failed deliveries to a platform, by channel and whether they are retried or given up',
    labelNames: ['channel', 'result'] as const,
    registers: [this.registry],
  });
  private readonly publishEvents = new Counter({
    name: 'bot_content_publish_events_total',
    help: 'Content versions published, rolled back, refused by the checks, or adopted from another instance',
    labelNames: ['event'] as const,
    registers: [this.registry],
  });
  private readonly rateLimited = new Counter({
    name: 'bot_rate_limited_total',
    help: 'Messages not handled because their sender was over the rate limit or repeated the same text',
    labelNames: ['channel', 'reason'] as const,
    registers: [this.registry],
  });

  constructor(queue: Pick<MessageQueue, 'stats'>) {
    collectDefaultMetrics({ register: this.registry });
    new Gauge({
      name: 'bot_queue_depth',
      help: 'Items in the durable queue: inbox pending, outbox pending, outbox failed for good',
      labelNames: ['queue'] as const,
      registers: [this.registry],
      async collect() {
        const stats = await queue.stats();
        this.set({ queue: 'inbox_pending' }, stats.inboxPending);
        this.set({ queue: 'outbox_pending' }, stats.outboxPending);
        this.set({ queue: 'outbox_failed' }, stats.outboxFailed);
      },
    });
  }

  turn(channel: string, outcome: TurnOutcome, latencyMs: number): void {
    this.turns.inc({ channel, outcome });
    this.turnSeconds.observe({ channel }, latencyMs / 1000);
  }

  nlu(seconds: number): void {
    this.nluSeconds.observe(seconds);
  }

  deliveryFailed(channel: string, result: DeliveryFailure): void {
    this.deliveryFailures.inc({ channel, result });
  }

  publish(event: PublishEvent): void {
    this.publishEvents.inc({ event });
  }

  limited(channel: string, reason: 'rate' | 'repeat'): void {
    this.rateLimited.inc({ channel, reason });
  }
}
