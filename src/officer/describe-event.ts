import type { ConversationEvent } from '../engine/conversation-events.js';
import { decodePayload } from '../engine/payload.js';
import { maskPersonalData } from '../logging/mask-personal-data.js';

/** What a tapped button meant, in words (never the raw payload). */
function tapped(payload: string | undefined): string {
  const p = payload === undefined ? undefined : decodePayload(payload);
  switch (p?.kind) {
    case 'officer':
      return 'Người dân chọn: gặp cán bộ';
    case 'none':
      return 'Người dân chọn: không phải các mục Trợ lý gợi ý';
    case 'follow':
      return 'Người dân bắt đầu theo dõi trang';
    case 'intent':
      return 'Người dân chọn một chủ đề Trợ lý gợi ý';
    case 'view':
      return 'Người dân bấm xem thêm';
    case 'rate':
      return `Người dân đánh giá câu trả lời: ${p.helpful ? 'hữu ích' : 'chưa hữu ích'}`;
    default:
      return 'Người dân gửi nội dung không phải chữ (ảnh, nhãn dán…)';
  }
}

/**
 * One event of a conversation as staff read it, personal data masked; none for the engine's own
 * bookkeeping (how a message was understood), which is not part of the conversation.
 */
export function describeEvent(event: ConversationEvent): string | undefined {
  switch (event.type) {
    case 'user_said':
      return event.text !== undefined ? `Người dân: ${maskPersonalData(event.text)}` : tapped(event.payload);
    case 'bot_replied':
      return `Trợ lý: ${maskPersonalData(event.replies.map((r) => r.text).join(' / '))}`;
    case 'understood':
      return undefined;
    case 'officer_replied':
      return `Cán bộ ${event.officer}: ${maskPersonalData(event.text)}`;
    case 'handover_opened':
      return event.reason === 'requested' ? 'Người dân muốn gặp cán bộ.' : 'Trợ lý chưa trả lời được, người dân chọn gặp cán bộ.';
    case 'handover_released':
      return `Cán bộ ${event.officer} trả lại cuộc trò chuyện cho Trợ lý.`;
    case 'rated':
      return `Người dân đánh giá câu trả lời: ${event.helpful ? 'hữu ích' : 'chưa hữu ích'}.`;
    case 'reset':
      return 'Người dân bắt đầu lại cuộc trò chuyện.';
    case 'notice_shown':
      return 'Trợ lý nhắc: từ 01/7/2025 không còn cấp huyện.';
  }
}
