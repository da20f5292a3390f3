/** What the review and dashboard APIs say to staff, in Vietnamese. */
export const REVIEW_MESSAGES = {
  badDay: 'Ngày phải có dạng YYYY-MM-DD (ví dụ 2025-07-01).',
  badRange: 'Ngày bắt đầu (from) phải trước hoặc bằng ngày kết thúc (to).',
  badChannel: 'Kênh (channel) không hợp lệ.',
  badStatus: 'Trạng thái (status) phải là new, done hoặc ignored.',
  badReason: 'Lý do (reason) phải là fallback, clarified, low_confidence hoặc not_helpful.',
  missingIntent: 'Thiếu mã ý định (intent).',
  groupNotFound: 'Không tìm thấy nhóm câu hỏi này trong danh sách cần rà soát.',
  unknownIntent: (intent: string) => `Không có ý định "${intent}".`,
  unknownUnit: (unit: string) => `Không có phần trả lời "${unit}" (dạng ý_định/khía_cạnh, ý_định/trường_hợp/khía_cạnh hoặc ý_định/chi_tiet_số).`,
  exampleExists: (owner: string) => `Câu này đã là câu mẫu của ý định "${owner}".`,
  exampleNote: (intent: string) => `thêm câu mẫu cho ${intent} từ mục rà soát câu hỏi`,
} as const;
