/** Known ids the workspace can suggest for a text field (from the version being edited). */
export type Suggestion = 'intents' | 'procedures' | 'topics' | 'sources';

/** How a content field is shown to staff: its Vietnamese label and hint, and for lists and maps what one entry is called. */
export interface FieldLabel {
  readonly label: string;
  readonly hint?: string;
  /** What one item of a list is called ("Câu mẫu" → "Câu mẫu 3"). */
  readonly item?: string;
  /** For maps: what the key and the value of an entry are called. */
  readonly key?: string;
  readonly value?: string;
  /** Long text: edited in a text area. */
  readonly multiline?: boolean;
  readonly suggest?: Suggestion;
}

/**
 * Labels of the fields of the content files, by field name (the same name means the same thing in
 * every file). A field missing here is shown under its own name, so a new schema field is editable
 * at once; `test/admin/content/form-description.test.ts` asks for a label for every field.
 * The procedure aspects (noi_nop, le_phi…) are named by the titles in data/aspects.yaml.
 */
export const FIELD_LABELS: Readonly<Record<string, FieldLabel>> = {
  id: { label: 'Mã', hint: 'Chữ thường không dấu và dấu "_", trùng với tên tệp.' },
  intent: { label: 'Ý định', hint: 'Mã ý định dùng nội dung này, ví dụ thu_tuc.khai_sinh.', suggest: 'intents' },
  title: { label: 'Tiêu đề' },
  description: { label: 'Mô tả', hint: 'Ý định này gồm những câu hỏi nào và không gồm những câu hỏi nào.', multiline: true },
  answer: { label: 'Câu trả lời' },
  procedure: { label: 'Thủ tục', hint: 'Mã thủ tục trong data/procedures/.', suggest: 'procedures' },
  topic: { label: 'Chủ đề', hint: 'Mã chủ đề trong data/topics/.', suggest: 'topics' },
  examples: { label: 'Câu mẫu', item: 'Câu mẫu', hint: 'Những câu người dân thật sự hỏi, có dấu hoặc không dấu.' },
  codes: { label: 'Mã thủ tục trên Cổng Dịch vụ công', item: 'Mã', hint: 'Dạng 1.001193.' },
  summary: { label: 'Tóm tắt' },
  text: { label: 'Nội dung', multiline: true, hint: 'Có thể dùng chỗ trống như {province}, {portal}, {help}.' },
  items: { label: 'Các mục liệt kê', item: 'Mục' },
  sources: { label: 'Nguồn', item: 'Mã nguồn', key: 'Mã nguồn', hint: 'Mã nguồn trong data/sources/.', suggest: 'sources' },
  unknown: { label: 'Chưa kiểm chứng được' },
  note: { label: 'Điều cần hỏi', hint: 'Không bắt buộc, ví dụ "mức thu phí bản sao".' },
  aspects: { label: 'Các khía cạnh', key: 'Khía cạnh' },
  check: {
    label: 'Câu hỏi kiểm tra',
    hint: 'Trước khi xuất bản, Trợ lý trả lời thử câu này: câu trả lời phải nêu các con số của nội dung (số tiền, số ngày — tự theo nội dung khi Anh/Chị sửa) và các cụm ghi dưới đây.',
  },
  question: { label: 'Câu hỏi người dân hay hỏi' },
  mustSay: { label: 'Câu trả lời còn phải nêu (cụm có trong nội dung)', item: 'Cụm' },
  cases: { label: 'Các trường hợp riêng', item: 'Trường hợp', hint: 'Chỉ ghi những khía cạnh khác với phần chung.' },
  verified: { label: 'Ngày kiểm tra', hint: 'Ngày đối chiếu thông tin với nguồn gần nhất (ngày/tháng/năm).' },
  details: { label: 'Chi tiết (mỗi mục là một nút bấm)', item: 'Chi tiết' },
  related: { label: 'Ý định liên quan', item: 'Ý định', suggest: 'intents' },
  url: { label: 'Địa chỉ web', hint: 'Bắt đầu bằng https://' },
  checked: { label: 'Ngày đọc nguồn' },
  name: { label: 'Tên' },
  area: { label: 'Cách gọi khu vực', hint: 'Ví dụ "khu vực huyện Phù Yên cũ".' },
  province: { label: 'Tỉnh' },
  communes: { label: 'Các xã', item: 'Xã' },
  formedFrom: { label: 'Hình thành từ' },
  districtNotice: { label: 'Thông báo về cấp huyện', multiline: true, hint: 'Trợ lý nói khi người dân nhắc đến "huyện".' },
  help: { label: 'Nơi hỗ trợ người dân', hint: 'Dùng trong câu xin lỗi, chuyển cán bộ và câu trả lời.' },
  officeHours: { label: 'Giờ cán bộ trả lời' },
  portal: { label: 'Cổng Dịch vụ công' },
  hotline: { label: 'Đường dây nóng', hint: 'Chỉ gồm chữ số, ví dụ 18001096.' },
  provincePortal: { label: 'Cổng thông tin điện tử của tỉnh' },
  abbreviations: { label: 'Chữ viết tắt', key: 'Chữ viết tắt', value: 'Từ đầy đủ' },
  weight: { label: 'Hệ số' },
  phrases: { label: 'Cụm từ gợi ý', item: 'Cụm từ' },
  followUpWords: { label: 'Từ không mang chủ đề (câu hỏi tiếp)', item: 'Từ' },
  threshold: { label: 'Ngưỡng trả lời ngay', hint: 'Từ 0 đến 1.' },
  margin: { label: 'Khoảng cách tối thiểu với ý định thứ hai', hint: 'Từ 0 đến 1.' },
  suggestFloor: { label: 'Ngưỡng gợi ý "có phải Anh/Chị muốn hỏi…"', hint: 'Từ 0 đến 1.' },
  temperature: { label: 'Hệ số hiệu chỉnh điểm' },
  aspectTemperature: { label: 'Hệ số hiệu chỉnh điểm khía cạnh' },
  required: { label: 'Ý định bắt buộc', item: 'Ý định', suggest: 'intents' },
  messages: { label: 'Câu nói của Trợ lý' },
  // The bot's phrases (data/messages.yaml).
  empty: { label: 'Khi tin nhắn trống' },
  too_long: { label: 'Khi tin nhắn quá dài' },
  clarify: { label: 'Khi hỏi lại "có phải Anh/Chị muốn hỏi…"' },
  clarify_none: { label: 'Nút "không phải các mục trên"' },
  fallback: { label: 'Khi chưa hiểu câu hỏi' },
  fallback_suggest: { label: 'Khi gợi ý chủ đề gần nhất' },
  fallback_repeated: { label: 'Khi chưa hiểu lần thứ hai' },
  offer_officer: { label: 'Nút "gặp cán bộ"' },
  ask_again: { label: 'Nút "hỏi câu khác"' },
  handover: { label: 'Khi chuyển cho cán bộ' },
  reset: { label: 'Khi bắt đầu lại' },
  choice_out_of_range: { label: 'Khi chọn số ngoài danh sách' },
  error: { label: 'Khi gặp sự cố' },
  non_text: { label: 'Khi nhận tin không phải chữ' },
  rated: { label: 'Khi người dân đánh giá' },
  unknown_fact: { label: 'Khi thông tin chưa kiểm chứng' },
  source_footer: { label: 'Dòng ghi nguồn' },
  source_footer_short: { label: 'Dòng ghi nguồn (ngắn)' },
  procedure_cases: { label: 'Câu liệt kê các trường hợp' },
  case_differences: { label: 'Câu mở đầu phần từng trường hợp' },
  more_details: { label: 'Nút "xem đầy đủ"' },
  too_fast: { label: 'Khi người dân gửi tin nhắn quá nhanh' },
  continue: { label: 'Câu hỏi tiếp về thủ tục đang nói', hint: 'Không nêu tên thủ tục; Trợ lý ghép với mọi thủ tục để học.' },
  aspect: { label: 'Hỏi một khía cạnh', item: 'Câu', hint: 'Ví dụ: "chờ mấy tuần", "gửi cho ai".' },
  confirm: { label: 'Hỏi lại cho chắc (có / không)', item: 'Câu' },
  case: { label: 'Kể trường hợp riêng', item: 'Câu', hint: 'Ví dụ: "con tôi 15 tuổi thì sao".' },
  switch: { label: 'Mẫu chuyển sang thủ tục khác', item: 'Mẫu', hint: '{ten} được thay bằng tên gọi của thủ tục.' },
  switch_with_aspect: { label: 'Mẫu chuyển thủ tục kèm khía cạnh', item: 'Mẫu', hint: '{ten} là tên thủ tục, {hoi} là một câu hỏi khía cạnh.' },
  names: { label: 'Tên gọi tắt của thủ tục', key: 'Thủ tục', value: 'Tên gọi', suggest: 'intents' },
  out_of_scope: { label: 'Câu ngoài phạm vi giữa cuộc trò chuyện', item: 'Câu' },
  dialogs: { label: 'Hội thoại mẫu', item: 'Hội thoại' },
  act: { label: 'Việc Trợ lý phải làm', hint: 'continue: tiếp tục thủ tục; switch: chuyển thủ tục; new: câu hỏi mới; out_of_scope: ngoài phạm vi.' },
};

/**
 * Names of the alternatives of a field that takes one of several shapes, by the alternative's
 * required fields (a fact with sources, or not verified; an answer by procedure, topic or text).
 */
export const CHOICE_LABELS: Readonly<Record<string, string>> = {
  'text,sources': 'Có thông tin, ghi nguồn',
  unknown: 'Chưa kiểm chứng được',
  procedure: 'Trả lời bằng một thủ tục',
  topic: 'Trả lời bằng một chủ đề',
  text: 'Trả lời bằng một câu ngắn',
};
