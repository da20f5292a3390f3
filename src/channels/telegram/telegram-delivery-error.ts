import { TelegramError } from 'telegraf';
import { DeliveryError } from '../channel-adapter.js';

/**
 * Classifies a failed Bot API call: 429 → retry after Telegram's `retry_after`; 400 (bad request, chat
 * not found), 403 (bot blocked, user deactivated) and 404 → permanent, resending cannot help;
 * anything else (5xx, network errors, timeouts) → retry with the outbox's own back-off.
 */
export function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof TelegramError) {
    const message = `Telegram refused the message: ${error.code} ${error.description}`;
    if (error.code === 429) {
      const retryAfter = error.parameters?.retry_after;
      return new DeliveryError(message, retryAfter === undefined ? {} : { retryAfterMs: retryAfter * 1000 });
    }
    if (error.code === 400 || error.code === 403 || error.code === 404) return new DeliveryError(message, { permanent: true });
    return new DeliveryError(message);
  }
  // node-fetch errors name the URL with the token already redacted by telegraf.
  return new DeliveryError(`Telegram unreachable: ${error instanceof Error ? error.message : String(error)}`);
}
