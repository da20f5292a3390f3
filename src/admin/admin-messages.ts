/** What the staff workspace's API says to staff, in Vietnamese. */
export const ADMIN_MESSAGES = {
  notLoggedIn: 'Anh/Chị chưa đăng nhập hoặc phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.',
  badCsrf: 'Yêu cầu bị từ chối vì thiếu hoặc sai mã bảo vệ (CSRF). Vui lòng tải lại trang rồi thử lại.',
  forbidden: 'Anh/Chị không có quyền thực hiện thao tác này.',
  wrongCredentials: 'Tên đăng nhập hoặc mật khẩu không đúng.',
  disabled: 'Tài khoản đã bị khóa. Vui lòng liên hệ quản trị viên.',
  tooManyAttempts: (minutes: number) => `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${minutes} phút.`,
  notJson: 'Yêu cầu phải gửi dữ liệu JSON (Content-Type: application/json).',
  malformedJson: 'Dữ liệu JSON không hợp lệ.',
  tooLarge: 'Dữ liệu gửi lên quá lớn.',
  usernameTaken: 'Tên đăng nhập này đã có người dùng.',
  userNotFound: 'Không tìm thấy tài khoản.',
  nothingToChange: 'Cần ít nhất một thay đổi: vai trò, họ tên hoặc trạng thái khóa.',
  notOnYourself: 'Không thể tự đổi vai trò hoặc tự khóa tài khoản của chính mình.',
  badAuditQuery: 'Tham số limit (1–500) hoặc before không hợp lệ.',
} as const;
