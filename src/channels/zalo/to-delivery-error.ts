import { DeliveryError } from '../channel-adapter.js';
import { ACCESS_TOKEN_PATH, ZaloApiError, ZaloErrorCode } from '../../zalo-api-client/index.js';

/** Zalo's rate limit is counted per minute (4,000 calls per app). */
const RATE_LIMIT_BACKOFF_MS = 60_000;
/** A broken token chain needs an administrator; retry slowly until one re-authorises. */
const TOKEN_REFRESH_BACKOFF_MS = 5 * 60_000;

/** The citizen cannot be reached by customer-service messages now; retrying will not change that. */
const UNREACHABLE = new Set<number>([
  ZaloErrorCode.UserNotFollower,
  ZaloErrorCode.UserBannedOrInactive,
  ZaloErrorCode.NoInteractionIn7Days,
  ZaloErrorCode.InteractionExpired,
  ZaloErrorCode.UserRestrictedMessageType,
]);

export function toDeliveryError(error: unknown): DeliveryError {
  const reason = error instanceof Error ? error.message : String(error);
  // A message the client refused to send (too long, too many buttons) will never be accepted.
  if (error instanceof RangeError) return new DeliveryError(reason, { permanent: true });
  if (!(error instanceof ZaloApiError)) return new DeliveryError(reason);
  if (error.endpoint === ACCESS_TOKEN_PATH) {
    return new DeliveryError(`${reason} — the OA must be re-authorised if this persists`, { retryAfterMs: TOKEN_REFRESH_BACKOFF_MS });
  }
  if (error.code === ZaloErrorCode.RateLimited) return new DeliveryError(reason, { retryAfterMs: RATE_LIMIT_BACKOFF_MS });
  if (UNREACHABLE.has(error.code)) return new DeliveryError(`${reason} (citizen outside the 7-day window or unreachable)`, { permanent: true });
  if (error.code === ZaloErrorCode.InvalidParameter) return new DeliveryError(reason, { permanent: true });
  return new DeliveryError(reason);
}
