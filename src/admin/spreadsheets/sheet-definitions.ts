import { DEFAULT_ENGINE_OPTIONS } from '../../engine/engine.js';

/** The two kinds of sheet staff exchange: training examples, and the FAQ (titles, descriptions, short answers). */
export type SheetKind = 'examples' | 'faq';

export type ColumnKey = 'intent' | 'example' | 'title' | 'description' | 'answer';

export interface SheetDefinition {
  readonly kind: SheetKind;
  /** The worksheet's name in the workbook, as staff see it. */
  readonly name: string;
  /** Its name in URLs and CSV file names. */
  readonly slug: string;
  readonly columns: readonly { readonly key: ColumnKey; readonly header: string; readonly width: number }[];
}

const intentColumn = { key: 'intent', header: 'Mã ý định', width: 30 } as const;

export const SHEETS: Readonly<Record<SheetKind, SheetDefinition>> = {
  examples: {
    kind: 'examples',
    name: 'Câu mẫu',
    slug: 'cau-mau',
    columns: [intentColumn, { key: 'example', header: 'Câu mẫu', width: 100 }],
  },
  faq: {
    kind: 'faq',
    name: 'Hỏi đáp',
    slug: 'hoi-dap',
    columns: [
      intentColumn,
      { key: 'title', header: 'Tiêu đề', width: 35 },
      { key: 'description', header: 'Mô tả', width: 70 },
      { key: 'answer', header: 'Trả lời', width: 70 },
    ],
  },
};

/** Longest text a cell may hold, by column, and the column's name in messages. */
export const FIELD_LIMITS: Readonly<Record<Exclude<ColumnKey, 'intent'>, { readonly label: string; readonly max: number }>> = {
  /** No citizen's message is read beyond this, so a longer example could never match one. */
  example: { label: 'Câu mẫu', max: DEFAULT_ENGINE_OPTIONS.maxTextLength },
  /** Titles are the labels of choice buttons. */
  title: { label: 'Tiêu đề', max: 100 },
  description: { label: 'Mô tả', max: 1000 },
  /** A short answer is one message on a phone screen, as the first message of a topic. */
  answer: { label: 'Trả lời', max: 700 },
};

/** The workbook's last sheet: how to use the other two (not read back on import). */
export const GUIDE = {
  name: 'Hướng dẫn',
  lines: [
    'Trang “Câu mẫu”: mỗi dòng là một câu mẫu của một ý định. Thêm dòng mới (mã ý định và câu mẫu) để thêm câu mẫu. Xoá dòng không xoá câu mẫu khỏi nội dung.',
    'Mỗi câu mẫu chỉ thuộc một ý định: câu đã có ở ý định khác sẽ bị từ chối.',
    'Câu mẫu của một phần trả lời (một khía cạnh, một trường hợp hay một mục chi tiết) ghi mã phần trả lời có dấu “/” ở cột “Mã ý định”, ví dụ thu_tuc.chung_thuc/le_phi, thu_tuc.chung_thuc/ban_sao_so_goc/le_phi, cong_dan.khieu_nai_to_cao/chi_tiet_6; câu được thêm ngay cạnh nội dung của phần đó.',
    'Trang “Hỏi đáp”: sửa tiêu đề và mô tả của các ý định; cột “Trả lời” chỉ dùng cho ý định trả lời bằng một đoạn văn ngắn. Ô “Trả lời” để trống ở các ý định trả lời bằng dữ liệu thủ tục hoặc chủ đề: các câu trả lời đó sửa ở mục “Sửa nội dung”.',
    'Không đổi “Mã ý định”, không tạo ý định mới ở đây. Các ô phải là văn bản, không dùng công thức.',
    'Nhập lại tệp ở mục “Bảng tính” của không gian làm việc: “Xem trước” cho biết dòng nào sẽ thêm, sửa hay bị từ chối (và vì sao); “Áp dụng vào bản nháp” tạo một bản nháp mới, cần được xuất bản mới có hiệu lực.',
    'Có thể lưu mỗi trang thành một tệp CSV (UTF-8) để nhập; dòng đầu phải giữ nguyên tiêu đề cột.',
  ],
} as const;
