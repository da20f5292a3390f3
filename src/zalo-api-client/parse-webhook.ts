import type { UserAttachmentEventName, OaSendEventName, ZaloWebhookEvent } from './webhook-events.js';
import { parseZaloJson } from './zalo-json.js';

/** The request body is not a Zalo event at all (not UTF-8 JSON, no `event_name` or `timestamp`). */
export class ZaloWebhookFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZaloWebhookFormatError';
  }
}

/** What every event carries: enough to verify the signature before reading anything else. */
export interface WebhookEnvelope {
  readonly eventName: string;
  /** The body's `timestamp` (epoch ms string); part of the signed text. */
  readonly timestamp: string;
  readonly body: Readonly<Record<string, unknown>>;
}

export function parseWebhookEnvelope(rawBody: Uint8Array | string): WebhookEnvelope {
  let json: unknown;
  try {
    const text = typeof rawBody === 'string' ? rawBody : new TextDecoder('utf-8', { fatal: true }).decode(rawBody);
    json = parseZaloJson(text);
  } catch {
    throw new ZaloWebhookFormatError('body is not UTF-8 JSON');
  }
  if (!isRecord(json)) throw new ZaloWebhookFormatError('body is not a JSON object');
  const { event_name: eventName, timestamp } = json;
  if (typeof eventName !== 'string' || eventName === '') throw new ZaloWebhookFormatError('no event_name');
  if (typeof timestamp !== 'string' || !/^\d{1,20}$/.test(timestamp)) throw new ZaloWebhookFormatError('no timestamp');
  return { eventName, timestamp, body: json };
}

const USER_ATTACHMENT_EVENTS: ReadonlySet<string> = new Set<UserAttachmentEventName>([
  'user_send_image',
  'user_send_gif',
  'user_send_sticker',
  'user_send_file',
  'user_send_audio',
  'user_send_video',
  'user_send_link',
  'user_send_location',
  'user_send_business_card',
]);

const OA_SEND_EVENTS: ReadonlySet<string> = new Set<OaSendEventName>([
  'oa_send_text',
  'oa_send_image',
  'oa_send_file',
  'oa_send_list',
  'oa_send_gif',
  'oa_send_sticker',
  'oa_send_template',
]);

/**
 * The typed event, or undefined when the event is not one this client describes or does not have
 * the documented fields it needs (ids, `msg_id`, text). Callers acknowledge those and move on:
 * rejecting them would only make Zalo retry, then disable the webhook.
 */
export function readWebhookEvent(envelope: WebhookEnvelope): ZaloWebhookEvent | undefined {
  const b = envelope.body;
  const name = envelope.eventName;
  const hasSenderAndRecipient = typeof idOf(b.sender) === 'string' && typeof idOf(b.recipient) === 'string';
  const message = isRecord(b.message) ? b.message : undefined;
  const hasMsgId = typeof message?.msg_id === 'string';
  if (name === 'user_send_text') {
    return hasSenderAndRecipient && hasMsgId && typeof message?.text === 'string' ? (b as unknown as ZaloWebhookEvent) : undefined;
  }
  if (USER_ATTACHMENT_EVENTS.has(name) || OA_SEND_EVENTS.has(name)) {
    return hasSenderAndRecipient && hasMsgId ? (b as unknown as ZaloWebhookEvent) : undefined;
  }
  if (name === 'follow' || name === 'unfollow') return typeof idOf(b.follower) === 'string' ? (b as unknown as ZaloWebhookEvent) : undefined;
  if (name === 'user_click_chatnow') return typeof b.user_id === 'string' ? (b as unknown as ZaloWebhookEvent) : undefined;
  return undefined;
}

function idOf(value: unknown): unknown {
  return isRecord(value) ? value.id : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
