import type { Reply } from '../../engine/reply.js';

/** Plain-text rendering for channels without buttons: choices become numbered lines. */
export function renderReplyAsText(reply: Reply): string {
  if (reply.kind !== 'choices') return reply.text;
  return [reply.text, ...reply.choices.map((c, i) => `  ${i + 1}. ${c.title}`)].join('\n');
}
