import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The webhook MAC as implemented by Chatwoot and described by Vietnamese integrators (no official
 * page states it): hex SHA-256 — plain, not HMAC — of app id + raw body + the body's `timestamp` +
 * the OA secret key (the key of the linked OA, not the app secret). Sent as
 * `X-ZEvent-Signature: mac=<hex>`.
 */
export interface WebhookMacInput {
  readonly appId: string;
  /** The request body exactly as received, never re-serialised JSON. */
  readonly rawBody: Uint8Array | string;
  readonly timestamp: string;
  readonly oaSecretKey: string;
}

export function computeWebhookMac(input: WebhookMacInput): string {
  return macDigest(input).toString('hex');
}

/**
 * True when `signatureHeader` ("mac=<hex>", or the bare hex; hex in either case) is the MAC of the
 * request. The comparison is constant-time on two 32-byte digests.
 */
export function verifyWebhookSignature(signatureHeader: string | undefined, input: WebhookMacInput): boolean {
  const hex = (signatureHeader ?? '').trim().replace(/^mac=/i, '');
  if (!/^[0-9a-f]{64}$/i.test(hex)) return false;
  return timingSafeEqual(Buffer.from(hex, 'hex'), macDigest(input));
}

function macDigest({ appId, rawBody, timestamp, oaSecretKey }: WebhookMacInput): Buffer {
  return createHash('sha256').update(appId, 'utf8').update(rawBody).update(timestamp, 'utf8').update(oaSecretKey, 'utf8').digest();
}
