import type { ConversationEvent } from '../engine/conversation-events.js';
import { maskPersonalData } from '../logging/mask-personal-data.js';

/** One event of a conversation as staff read it, personal data masked. */
export function describeEvent(event: ConversationEvent): string {
  switch (event.type) {
    case 'user_said':
      return `Người dân: ${maskPersonalData(event.text ?? `[chọn ${event.payload ?? ''}]`)}`;
    case 'bot_replied':
      return `Trợ lý: ${maskPersonalData(event.replies.map((r) => r.text).join(' / '))}`;
    case 'understood':
      return `(hiểu: ${event.outcome}${event.intent ? ' ' + event.intent : ''}${event.aspect ? ' / ' + event.aspect : ''})`;
    case 'officer_replied':
      return `Cán bộ ${event.officer}: ${maskPersonalData(event.text)}`;
    case 'handover_opened':
      return `(chuyển cán bộ: ${event.reason})`;
    case 'handover_released':
      return `(cán bộ ${event.officer} trả lại cho Trợ lý)`;
    case 'rated':
      return `(đánh giá: ${event.helpful ? 'hữu ích' : 'chưa hữu ích'})`;
    case 'reset':
      return '(bắt đầu lại)';
    case 'notice_shown':
      return `(thông báo: ${event.notice})`;
  }
}
