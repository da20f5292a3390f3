import { createHash, timingSafeEqual } from 'node:crypto';
import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Update } from 'telegraf/types';
import { isTelegramUpdate } from './telegram-update.js';

export const TELEGRAM_WEBHOOK_PATH = '/webhooks/telegram';
/** Updates the bot accepts (text ≤ 4,096 characters plus metadata) are a few kilobytes. */
export const MAX_UPDATE_BYTES = 64 * 1024;
const SECRET_HEADER = 'X-Telegram-Bot-Api-Secret-Token';

/** What happened to a webhook update: stored (or a duplicate, or ignored), or the inbox is not running. */
export type WebhookOutcome = 'handled' | 'unavailable';

/**
 * Registers `POST /webhooks/telegram`: the secret header is checked first (403, body unread), then
 * the size (413) and JSON shape (400); the update is answered 200 only once `handle` has resolved,
 * i.e. the inbox has stored it. A failure answers 500, so Telegram sends the update again later.
 */
export function mountTelegramWebhook(
  app: Hono,
  secretToken: string,
  handle: (update: Update) => Promise<WebhookOutcome>,
  onError: (error: unknown) => void,
): void {
  app.post(
    TELEGRAM_WEBHOOK_PATH,
    async (c, next) => (sameSecret(c.req.header(SECRET_HEADER), secretToken) ? next() : c.text('Forbidden', 403)),
    bodyLimit({ maxSize: MAX_UPDATE_BYTES, onError: (c) => c.text('Payload Too Large', 413) }),
    async (c) => {
      let update: unknown;
      try {
        update = JSON.parse(await c.req.text());
      } catch {
        return c.text('Bad Request: body is not JSON', 400);
      }
      if (!isTelegramUpdate(update)) return c.text('Bad Request: not a Telegram update', 400);
      try {
        return (await handle(update)) === 'handled' ? c.text('OK', 200) : c.text('Service Unavailable', 503);
      } catch (error) {
        onError(error);
        return c.text('Internal Server Error', 500);
      }
    },
  );
  app.all(TELEGRAM_WEBHOOK_PATH, (c) => c.text('Method Not Allowed', 405, { Allow: 'POST' }));
}

/** Constant-time comparison; hashing first makes the lengths equal without revealing the secret's. */
function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}
