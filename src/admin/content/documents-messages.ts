/** What the documents API (the content forms) says to staff, in Vietnamese. */
export const DOCUMENTS_MESSAGES = {
  badPath: 'Thiếu hoặc sai đường dẫn tệp nội dung (path).',
  badBase: 'Thiếu số phiên bản đang sửa (baseVersion): một số nguyên dương, hoặc null khi chưa có phiên bản nào.',
  missingValue: 'Thiếu nội dung cần lưu (value).',
  noteTooLong: 'Ghi chú tối đa 200 ký tự.',
  notFound: (path: string) => `Không có tài liệu ${path} trong phiên bản này.`,
  notEditable: (path: string) => `Tệp ${path} không sửa được bằng biểu mẫu.`,
  badKind: 'Loại tài liệu không tạo mới được. Chỉ tạo được ý định, thủ tục, chủ đề và tệp nguồn.',
  badName: 'Tên tệp chỉ gồm chữ thường không dấu, chữ số và các dấu "_", ".", "-" (tối đa 80 ký tự).',
  exists: (path: string) => `Đã có tài liệu ${path}. Hãy chọn tên khác hoặc mở tài liệu đó để sửa.`,
  notDeletable: (path: string) => `Không thể xóa ${path}: tệp này là một phần bắt buộc của nội dung, chỉ sửa được.`,
  invalidValue: 'Nội dung chưa hợp lệ. Vui lòng sửa các ô được đánh dấu.',
  invalidBundle: 'Thay đổi này làm nội dung chung bị lỗi. Vui lòng sửa các lỗi dưới đây.',
  stillUsed: 'Không thể xóa vì nội dung khác vẫn đang dùng đến tài liệu này:',
  editNote: (path: string) => `Sửa ${path}`,
  createNote: (path: string) => `Tạo ${path}`,
  deleteNote: (path: string) => `Xóa ${path}`,
} as const;
