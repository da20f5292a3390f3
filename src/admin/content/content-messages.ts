/** What the content API says to staff, in Vietnamese. */
export const CONTENT_MESSAGES = {
  badVersion: 'Số phiên bản (version) phải là số nguyên dương.',
  missingText: 'Thiếu câu hỏi cần thử (text).',
  textTooLong: 'Câu hỏi quá dài (tối đa 2000 ký tự).',
  refused: 'Nội dung chưa thể xuất bản vì còn lỗi. Vui lòng sửa các lỗi dưới đây.',
  brokenDraft: 'Bản nháp còn lỗi nên chưa thể thử câu hỏi. Vui lòng sửa các lỗi dưới đây.',
} as const;
