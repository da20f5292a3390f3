import { MAX_ROWS } from './worksheet.js';

const count = (n: number): string => n.toLocaleString('vi-VN');

/** What the spreadsheet import and export say to staff, in Vietnamese. */
export const SPREADSHEET_MESSAGES = {
  // The file as a whole: nothing is applied.
  emptyFile: 'Tệp trống: không có dữ liệu nào.',
  tooLarge: (megabytes: number) => `Tệp quá lớn: tối đa ${megabytes} MB.`,
  unsupportedType: 'Hãy gửi chính tệp .xlsx hoặc .csv làm nội dung yêu cầu (không dùng biểu mẫu nhiều phần hay JSON).',
  legacyXls: 'Tệp .xls (Excel 97–2003) chưa được hỗ trợ. Trong Excel, hãy lưu lại dưới dạng “Sổ làm việc Excel (.xlsx)” rồi nhập lại.',
  notZip: 'Tệp không phải bảng tính .xlsx hợp lệ: không giải nén được (tệp hỏng hoặc không phải .xlsx).',
  notWorkbook: 'Tệp nén này không phải bảng tính Excel (.xlsx): không có phần sổ làm việc (workbook).',
  corruptPart: (part: string) => `Bảng tính bị hỏng: không đọc được phần “${part}”. Hãy mở tệp trong Excel, lưu lại rồi nhập lại.`,
  unpackedTooLarge: (megabytes: number) => `Bảng tính quá lớn khi giải nén (tối đa ${megabytes} MB).`,
  notUtf8: 'Tệp CSV không phải văn bản UTF-8. Trong Excel, hãy lưu bằng “CSV UTF-8 (phân cách bằng dấu phẩy)” rồi nhập lại.',
  unclosedQuote: (line: number) => `Tệp CSV lỗi ở dòng ${line}: dấu ngoặc kép (") được mở mà không đóng.`,
  textAfterQuote: (line: number) => `Tệp CSV lỗi ở dòng ${line}: sau dấu ngoặc kép đóng phải là dấu phân cách hoặc hết dòng.`,
  tooManyRows: (where: string) => `${where} có quá nhiều dòng: tối đa ${count(MAX_ROWS)} dòng.`,
  noKnownSheet:
    'Không tìm thấy trang nào có dòng tiêu đề đúng. Dòng đầu phải là “Mã ý định | Câu mẫu” (trang Câu mẫu) hoặc “Mã ý định | Tiêu đề | Mô tả | Trả lời” (trang Hỏi đáp).',
  csvHeader:
    'Dòng đầu của tệp CSV phải là tiêu đề cột: “Mã ý định, Câu mẫu” (câu mẫu) hoặc “Mã ý định, Tiêu đề, Mô tả, Trả lời” (hỏi đáp).',
  wrongHeader: (sheet: string, headers: readonly string[]) => `Trang “${sheet}”: dòng đầu phải là tiêu đề cột ${headers.map((h) => `“${h}”`).join(', ')}.`,
  bothHeaders: (where: string) => `${where}: dòng tiêu đề có cột của cả hai trang (“Câu mẫu” và “Tiêu đề”…); mỗi trang chỉ một loại.`,

  // One row: the row is rejected, the others may still be applied.
  formula: (cell: string) => `Ô ${cell} chứa công thức; hãy dán giá trị dạng văn bản thay cho công thức.`,
  notText: (cell: string, shown: string) => `Ô ${cell} không phải văn bản (${shown}); hãy định dạng ô là Văn bản (Text) rồi nhập lại.`,
  missingIntent: 'Thiếu mã ý định.',
  unknownUnit: (id: string) => `Không có phần trả lời mã “${id}”. Mã phần trả lời (có dấu “/”) lấy ở trang “Câu mẫu” của tệp tải về.`,
  unknownIntent: (id: string) => `Không có ý định mã “${id}”. Mã ý định lấy ở cột “Mã ý định” của tệp tải về, không tự đặt mới.`,
  emptyExample: 'Câu mẫu trống.',
  exampleElsewhere: (owner: string) => `Câu mẫu này đã có ở ý định “${owner}” (mỗi câu mẫu chỉ thuộc một ý định).`,
  duplicateExample: (row: number, intent: string) => `Trùng với câu mẫu ở dòng ${row} (ý định “${intent}”).`,
  duplicateIntent: (row: number) => `Ý định này đã có ở dòng ${row} của trang hỏi đáp.`,
  emptyField: (label: string) => `${label} không được để trống.`,
  tooLong: (label: string, max: number) => `${label} quá dài (tối đa ${count(max)} ký tự).`,
  answerNotText: (kind: 'procedure' | 'topic' | 'other') =>
    `Ý định này trả lời bằng ${kind === 'procedure' ? 'dữ liệu thủ tục' : kind === 'topic' ? 'một chủ đề' : 'nội dung khác'} trong data/, không sửa câu trả lời ở bảng tính được; hãy để trống cột “Trả lời”.`,

  // Applying.
  badBaseVersion: 'Thiếu hoặc sai baseVersion: số phiên bản đã xem trước (0 nếu chưa có phiên bản nào).',
  rejectedRows: (n: number) =>
    `Tệp có ${count(n)} dòng bị từ chối. Hãy sửa tệp rồi xem trước lại, hoặc xác nhận chỉ áp dụng các dòng hợp lệ.`,
  nothingToApply: 'Tệp không có thay đổi nào so với phiên bản mới nhất: không có gì để áp dụng.',
  refused: 'Không thể tạo bản nháp vì nội dung sau khi áp dụng còn lỗi. Vui lòng xem các lỗi dưới đây.',
  draftNote: (added: number, changed: number) => `nhập từ bảng tính: ${count(added)} câu mẫu mới, ${count(changed)} ý định sửa hỏi đáp`,
  badExportQuery: 'Tham số không hợp lệ: format là xlsx hoặc csv; với csv, sheet là cau-mau hoặc hoi-dap.',
} as const;
