import type { Reply } from '../../engine/reply.js';
import { MAX_BUTTONS, MAX_TEXT_LENGTH, type ZaloButton } from '../../zalo-api-client/index.js';
import { splitText } from '../split-text.js';
import { toButtonPayload } from './button-payload.js';

/** One customer-service message: text, with buttons under it when it has any. */
export interface ZaloOutgoingMessage {
  readonly text: string;
  readonly buttons?: readonly ZaloButton[];
}

// Zalo documents no title limit; community code uses 20 to 100 characters. 40 keeps a topic name readable.
const BUTTON_TITLE_LIMIT = 40;
const HELPFUL = '👍 Hữu ích';
const NOT_HELPFUL = '👎 Chưa hữu ích';
const MORE_CHOICES = 'Các mục khác (Anh/Chị gõ số để chọn):';
const PICK_ONE = 'Anh/Chị chọn một mục dưới đây:';

/**
 * Zalo rendering: texts cut at 2,000 characters on sentence boundaries; choices as up to five
 * hidden-query buttons on the last part, further choices as numbered lines (numbered as the engine
 * counts, so typing "6" picks the sixth); 👍/👎 as two more buttons when there is room; handover
 * replies as plain text.
 */
export function renderForZalo(replies: readonly Reply[]): ZaloOutgoingMessage[] {
  return replies.flatMap(renderReply);
}

function renderReply(reply: Reply): ZaloOutgoingMessage[] {
  const text = (reply.kind === 'text' && reply.officer ? `Cán bộ ${reply.officer}: ${reply.text}` : reply.text).normalize('NFC');
  if (reply.kind === 'handover') return splitText(text, MAX_TEXT_LENGTH).map((part) => ({ text: part }));
  const choices = reply.kind === 'choices' ? reply.choices : [];
  const buttons = choices.slice(0, MAX_BUTTONS).map((c) => button(c.title, c.payload));
  if (reply.rating && buttons.length + 2 <= MAX_BUTTONS) buttons.push(button(HELPFUL, reply.rating.helpful), button(NOT_HELPFUL, reply.rating.notHelpful));
  const extra = choices.slice(MAX_BUTTONS).map((c, i) => `${MAX_BUTTONS + i + 1}. ${c.title.normalize('NFC')}`);
  const full = extra.length > 0 ? [text, MORE_CHOICES, ...extra].join('\n') : text;
  const parts = splitText(full, MAX_TEXT_LENGTH);
  if (buttons.length === 0) return parts.map((part) => ({ text: part }));
  // Zalo wants text with buttons; the engine always writes some, but never send an empty message.
  if (parts.length === 0) parts.push(PICK_ONE);
  return parts.map((part, i) => (i === parts.length - 1 ? { text: part, buttons } : { text: part }));
}

function button(title: string, payload: string): ZaloButton {
  return { type: 'oa.query.hide', title: shortTitle(title), payload: toButtonPayload(payload) };
}

/** At most BUTTON_TITLE_LIMIT characters, cut at a word when one ends in the second half, then "…". */
export function shortTitle(title: string): string {
  const chars = [...title.normalize('NFC').trim().replace(/\s+/g, ' ')];
  if (chars.length <= BUTTON_TITLE_LIMIT) return chars.join('');
  const head = chars.slice(0, BUTTON_TITLE_LIMIT - 1).join('');
  const space = head.lastIndexOf(' ');
  const cut = space >= BUTTON_TITLE_LIMIT / 2 ? head.slice(0, space) : head;
  return cut.replace(/[\s,.;:–-]+$/u, '') + '…';
}
