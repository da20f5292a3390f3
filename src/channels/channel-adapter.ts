import type { Server } from 'node:http';
import type { Hono } from 'hono';
import type { Reply } from '../engine/reply.js';

/**
 * An update from a platform, translated by its adapter. Exactly one of `text` and `payload` is set;
 * adapters map what the engine cannot read to reserved payloads: "follow" (the citizen followed
 * the account / opened the chat) and "unsupported" (image, sticker, file, location…).
 */
export interface InboundUpdate {
  readonly channel: string;
  /** The platform's id of this update; with `channel` it is the dedupe key. */
  readonly platformMessageId: string;
  readonly conversationId: string;
  readonly userId: string;
  readonly text?: string;
  readonly payload?: string;
  readonly receivedAt: Date;
}

/** Where adapters put updates before acknowledging them to the platform. */
export interface Inbox {
  /** Durably stores the update; "duplicate" when (channel, platformMessageId) was already stored. */
  accept(update: InboundUpdate): Promise<'stored' | 'duplicate'>;
}

/**
 * A delivery failed. `retryAfterMs` is the platform's own back-off (Telegram 429 `retry_after`,
 * Zalo -32); `permanent` failures (user blocked the bot, outside Zalo's interaction window) are not retried.
 */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly options: { readonly retryAfterMs?: number; readonly permanent?: boolean } = {},
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/** One platform. Understanding, dialog and content stay in the engine; an adapter only translates. */
export interface ChannelAdapter {
  readonly channel: string;
  /** Mounts webhooks or pages on the one HTTP app (exact paths, POST only for webhooks). */
  mount?(app: Hono): void;
  /** Attaches to the running HTTP server (WebSocket upgrades), after it listens. */
  attach?(server: Server): void;
  /** Starts background work such as long polling; updates go to the inbox. */
  start?(inbox: Inbox): Promise<void>;
  stop?(): Promise<void>;
  /** Renders replies for the platform (degrading what it cannot show) and sends them; throws DeliveryError. */
  deliver(conversationId: string, replies: readonly Reply[]): Promise<void>;
}
