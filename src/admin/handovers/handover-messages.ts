/** What the handover API says to staff, in Vietnamese. */
export const HANDOVER_MESSAGES = {
  notWaiting: 'Cuộc trò chuyện này không có hoặc không còn chờ cán bộ.',
  missingText: 'Vui lòng nhập nội dung trả lời.',
  textTooLong: 'Nội dung trả lời dài quá 2.000 ký tự.',
} as const;
