import type { InboundUpdate } from '../channel-adapter.js';
import type { ZaloWebhookEvent } from '../../zalo-api-client/index.js';
import { payloadOfButtonTap } from './button-payload.js';

export const ZALO_CHANNEL = 'zalo';

/**
 * What the engine should see for a Zalo event, or undefined for events it has no business with
 * (unfollow, the OA's own message echoes). A Zalo conversation is the citizen's OA-scoped user id.
 */
export function toInboundUpdate(event: ZaloWebhookEvent, receivedAt: Date): InboundUpdate | undefined {
  const base = { channel: ZALO_CHANNEL, receivedAt };
  switch (event.event_name) {
    case 'user_send_text': {
      const user = event.sender.id;
      const text = event.message.text;
      const payload = payloadOfButtonTap(text.trim()) ?? (text.trim() === '' ? 'unsupported' : undefined);
      const content = payload !== undefined ? { payload } : { text };
      return { ...base, platformMessageId: event.message.msg_id, conversationId: user, userId: user, ...content };
    }
    case 'user_send_image':
    case 'user_send_gif':
    case 'user_send_sticker':
    case 'user_send_file':
    case 'user_send_audio':
    case 'user_send_video':
    case 'user_send_link':
    case 'user_send_location':
    case 'user_send_business_card': {
      const user = event.sender.id;
      return { ...base, platformMessageId: event.message.msg_id, conversationId: user, userId: user, payload: 'unsupported' };
    }
    // Neither carries a msg_id; a redelivery repeats the same timestamp, so it still dedupes.
    case 'follow': {
      const user = event.follower.id;
      return { ...base, platformMessageId: `follow:${user}:${event.timestamp}`, conversationId: user, userId: user, payload: 'follow' };
    }
    case 'user_click_chatnow': {
      const user = event.user_id;
      return { ...base, platformMessageId: `chatnow:${user}:${event.timestamp}`, conversationId: user, userId: user, payload: 'follow' };
    }
    default:
      return undefined;
  }
}
