import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'telegraf/types';
import type { Reply } from '../../engine/reply.js';
import { renderReplyAsText } from '../console/render-text.js';
import { splitText } from '../split-text.js';

/** One `sendMessage`: text already HTML-escaped, for `parse_mode: "HTML"`. */
export interface TelegramMessage {
  readonly html: string;
  readonly keyboard?: InlineKeyboardMarkup;
}

/** Telegram's limit, counted on the text after entity parsing, i.e. before escaping. */
const TELEGRAM_TEXT_LIMIT = 4096;
const CALLBACK_DATA_MAX_BYTES = 64;
const HELPFUL_LABEL = '👍 Hữu ích';
const NOT_HELPFUL_LABEL = '👎 Chưa hữu ích';
// A keyboard needs a message to hang on; only used if the engine ever sends choices without text.
const KEYBOARD_ONLY_TEXT = 'Mời Anh/Chị chọn:';

/** Escapes the three characters Telegram's HTML parser reads, so citizen and staff text shows literally. */
function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Renders one reply as one or more messages: text split at 4,096 characters on sentence boundaries,
 * choices as an inline keyboard (one button per row) on the last part, rating buttons as its last row.
 * Choices whose payload is not valid callback data (1–64 bytes) fall back to numbered lines, which the
 * engine understands when the citizen types the number.
 */
export function renderTelegramMessages(reply: Reply): TelegramMessage[] {
  const rows: InlineKeyboardButton[][] = [];
  let text = reply.kind === 'text' && reply.officer ? `Cán bộ ${reply.officer}: ${reply.text}` : reply.text;
  if (reply.kind === 'choices') {
    if (reply.choices.every((c) => isCallbackData(c.payload))) {
      rows.push(...reply.choices.map((c) => [{ text: c.title, callback_data: c.payload }]));
    } else {
      text = renderReplyAsText(reply);
    }
  }
  if (reply.kind !== 'handover' && reply.rating && isCallbackData(reply.rating.helpful) && isCallbackData(reply.rating.notHelpful)) {
    rows.push([
      { text: HELPFUL_LABEL, callback_data: reply.rating.helpful },
      { text: NOT_HELPFUL_LABEL, callback_data: reply.rating.notHelpful },
    ]);
  }
  const parts = splitText(text, TELEGRAM_TEXT_LIMIT);
  if (parts.length === 0 && rows.length > 0) parts.push(KEYBOARD_ONLY_TEXT);
  return parts.map((part, i) =>
    i === parts.length - 1 && rows.length > 0 ? { html: escapeHtml(part), keyboard: { inline_keyboard: rows } } : { html: escapeHtml(part) },
  );
}

function isCallbackData(payload: string): boolean {
  const bytes = Buffer.byteLength(payload, 'utf8');
  return bytes >= 1 && bytes <= CALLBACK_DATA_MAX_BYTES;
}
