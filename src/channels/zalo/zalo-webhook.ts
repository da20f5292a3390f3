import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Inbox } from '../channel-adapter.js';
import type { Logger } from '../../logging/logger.js';
import {
  parseWebhookEnvelope,
  readWebhookEvent,
  verifyWebhookSignature,
  ZaloWebhookFormatError,
  type WebhookEnvelope,
} from '../../zalo-api-client/index.js';
import { toInboundUpdate } from './to-inbound-update.js';

export const ZALO_WEBHOOK_PATH = '/webhooks/zalo';
/** Zalo events are a few hundred bytes; anything near this is not a Zalo event. */
export const MAX_WEBHOOK_BODY_BYTES = 64 * 1024;

export interface ZaloWebhookOptions {
  readonly appId: string;
  readonly oaSecretKey: string;
  /** The inbox once the adapter has started; until then events are refused (503) so Zalo retries. */
  readonly inbox: () => Inbox | undefined;
  readonly logger: Logger;
}

/**
 * `POST /webhooks/zalo`: size limit, then the signature over the raw bytes (the body is parsed
 * first only to read the signed `timestamp`), then the event is stored and acknowledged. Zalo
 * expects 200 within about 2 s, so nothing but storing happens before the answer.
 */
export function mountZaloWebhook(app: Hono, options: ZaloWebhookOptions): void {
  const { logger } = options;
  app.post(ZALO_WEBHOOK_PATH, bodyLimit({ maxSize: MAX_WEBHOOK_BODY_BYTES, onError: (c) => c.text('Payload Too Large', 413) }), async (c) => {
    const signature = c.req.header('x-zevent-signature');
    if (!signature) return c.text('Missing X-ZEvent-Signature', 401);
    const rawBody = new Uint8Array(await c.req.arrayBuffer());
    let envelope: WebhookEnvelope;
    try {
      envelope = parseWebhookEnvelope(rawBody);
    } catch (e) {
      if (e instanceof ZaloWebhookFormatError) return c.text('Bad Request', 400);
      throw e;
    }
    if (!verifyWebhookSignature(signature, { appId: options.appId, rawBody, timestamp: envelope.timestamp, oaSecretKey: options.oaSecretKey })) {
      logger.warn('zalo webhook: wrong signature', { event: envelope.eventName });
      return c.text('Forbidden', 403);
    }
    const inbox = options.inbox();
    if (!inbox) return c.text('Service Unavailable', 503);
    const event = readWebhookEvent(envelope);
    const update = event && toInboundUpdate(event, new Date());
    if (!update) {
      if (!event) logger.log('debug', 'zalo webhook: event ignored', { event: envelope.eventName });
      return c.text('ok');
    }
    await inbox.accept(update);
    return c.text('ok');
  });
  app.all(ZALO_WEBHOOK_PATH, (c) => c.text('Method Not Allowed', 405, { Allow: 'POST' }));
}
