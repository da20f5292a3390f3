import type { Update } from 'telegraf/types';
import type { InboundUpdate } from '../channel-adapter.js';

export const TELEGRAM_CHANNEL = 'telegram';

/** The only update kinds the bot asks Telegram for (getUpdates and setWebhook `allowed_updates`). */
export const ALLOWED_UPDATES = ['message', 'callback_query'] as const;

/** Bot commands, mapped to what the engine already understands. */
const COMMANDS: Readonly<Record<string, { readonly text: string } | { readonly payload: string }>> = {
  start: { payload: 'follow' },
  help: { text: 'giúp tôi với' },
  reset: { text: 'bắt đầu lại' },
};
const COMMAND = /^\/([a-z]+)(?:@([A-Za-z0-9_]+))?(?:\s|$)/i;

// Message contents the engine cannot read; service messages (members joining, pins…) are ignored instead.
const UNSUPPORTED_CONTENT = [
  'photo', 'sticker', 'document', 'location', 'voice', 'audio', 'video', 'video_note',
  'animation', 'contact', 'venue', 'poll', 'dice',
] as const;

/**
 * Whether untrusted JSON has the fields `toInboundUpdate` reads, with the right types
 * (a webhook body is checked before it reaches telegraf).
 */
export function isTelegramUpdate(value: unknown): value is Update {
  if (!isRecord(value) || !Number.isSafeInteger(value.update_id)) return false;
  if ('message' in value) {
    const m = value.message;
    return isRecord(m) && typeof m.message_id === 'number' && isRecord(m.chat) && typeof m.chat.id === 'number'
      && (m.from === undefined || (isRecord(m.from) && typeof m.from.id === 'number'))
      && (m.text === undefined || typeof m.text === 'string');
  }
  if ('callback_query' in value) {
    const q = value.callback_query;
    return isRecord(q) && typeof q.id === 'string' && isRecord(q.from) && typeof q.from.id === 'number'
      && (q.data === undefined || typeof q.data === 'string')
      && (q.message === undefined || (isRecord(q.message) && isRecord(q.message.chat) && typeof q.message.chat.id === 'number'));
  }
  return true;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Translates a Telegram update; undefined for what the bot does not answer (edits, service messages,
 * commands addressed to another bot, callback queries without data). All ids become strings.
 */
export function toInboundUpdate(update: Update, botUsername: string | undefined, receivedAt: Date): InboundUpdate | undefined {
  if ('callback_query' in update) {
    const query = update.callback_query;
    if (!('data' in query) || !query.data) return undefined;
    // Private chats have chat id = user id; a query on an inline message has no chat, so the user is the conversation.
    const chatId = query.message?.chat.id ?? query.from.id;
    return {
      channel: TELEGRAM_CHANNEL,
      platformMessageId: `callback:${query.id}`,
      conversationId: String(chatId),
      userId: String(query.from.id),
      payload: query.data,
      receivedAt,
    };
  }
  if (!('message' in update)) return undefined;
  const message = update.message;
  const base = {
    channel: TELEGRAM_CHANNEL,
    platformMessageId: `${message.chat.id}:${message.message_id}`,
    conversationId: String(message.chat.id),
    userId: String(message.from?.id ?? message.chat.id),
    receivedAt,
  };
  if ('text' in message) {
    const command = COMMAND.exec(message.text);
    if (!command) return { ...base, text: message.text };
    const addressee = command[2];
    if (addressee && addressee.toLowerCase() !== botUsername?.toLowerCase()) return undefined;
    const mapped = COMMANDS[command[1]!.toLowerCase()];
    return mapped ? { ...base, ...mapped } : { ...base, text: message.text };
  }
  if (UNSUPPORTED_CONTENT.some((kind) => kind in message)) return { ...base, payload: 'unsupported' };
  return undefined;
}
