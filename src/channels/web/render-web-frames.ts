import type { Reply } from '../../engine/reply.js';
import type { MessageFrame } from './web-chat-protocol.js';

/** The web page shows everything the engine says: choices as buttons, 👍/👎 for a rating, handover marked. */
export function renderWebFrame(reply: Reply): MessageFrame {
  if (reply.kind === 'handover') return { type: 'message', text: reply.text, handover: true };
  return {
    type: 'message',
    text: reply.text,
    ...(reply.kind === 'choices' ? { choices: reply.choices.map(({ title, payload }) => ({ title, payload })) } : {}),
    ...(reply.rating ? { rating: { helpful: reply.rating.helpful, notHelpful: reply.rating.notHelpful } } : {}),
    ...(reply.kind === 'text' && reply.officer ? { officer: reply.officer } : {}),
  };
}
