import type { Engine } from '../engine/engine.js';
import type { Reply } from '../engine/reply.js';
import type { ContentProblem } from './content-error.js';

/**
 * The fact table: for each procedure, a citizen's question and the facts its reply must state
 * (fee, time limit, body). It runs through the whole engine — in the tests and before every
 * publication — so an edit of data/procedures that changes a fee or an office, or a change that
 * routes the question elsewhere, is caught.
 */
export const FACTS: readonly [question: string, intent: string, aspect: string, mustSay: readonly string[]][] = [
  ['đăng ký khai sinh cho con có mất tiền không', 'thu_tuc.khai_sinh', 'le_phi', ['miễn lệ phí', '8.000 đồng']],
  ['làm giấy khai sinh mất mấy ngày', 'thu_tuc.khai_sinh', 'thoi_gian', ['01 ngày làm việc']],
  ['đăng ký khai sinh nộp ở đâu', 'thu_tuc.khai_sinh', 'noi_nop', ['Ủy ban nhân dân xã']],
  ['đăng ký kết hôn mất bao nhiêu tiền', 'thu_tuc.ket_hon', 'le_phi', ['miễn lệ phí', '8.000 đồng']],
  ['đăng ký kết hôn bao lâu thì xong', 'thu_tuc.ket_hon', 'thoi_gian', ['01 ngày', '05 ngày làm việc']],
  ['dang ky ket hon o dau', 'thu_tuc.ket_hon', 'noi_nop', ['Ủy ban nhân dân xã']],
  ['làm khai tử có mất phí không', 'thu_tuc.khai_tu', 'le_phi', ['miễn lệ phí']],
  ['khai tử cho bố tôi thì nộp ở đâu', 'thu_tuc.khai_tu', 'noi_nop', ['nơi cư trú cuối cùng']],
  ['xin giấy xác nhận độc thân ở đâu', 'thu_tuc.xac_nhan_hon_nhan', 'noi_nop', ['Ủy ban nhân dân xã']],
  ['xin bản sao trích lục khai sinh mất bao nhiêu tiền', 'thu_tuc.trich_luc_ho_tich', 'le_phi', ['8.000 đồng']],
  ['cải chính ngày sinh trong giấy khai sinh mất mấy ngày', 'thu_tuc.thay_doi_ho_tich', 'thoi_gian', ['03 ngày làm việc']],
  ['chứng thực bản sao mất bao nhiêu tiền một trang', 'thu_tuc.chung_thuc', 'le_phi', ['2.000 đồng/trang', '10.000 đồng', '50.000 đồng']],
  ['chứng thực giấy tờ bao lâu thì lấy được', 'thu_tuc.chung_thuc', 'thoi_gian', ['trong ngày', '15 giờ']],
  ['xin lý lịch tư pháp ở đâu', 'thu_tuc.ly_lich_tu_phap', 'noi_nop', ['Công an tỉnh']],
  ['đăng ký thường trú mất bao nhiêu tiền', 'thu_tuc.cu_tru', 'le_phi', ['20.000 đồng', '15.000 đồng']],
  ['đăng ký tạm trú mất mấy ngày', 'thu_tuc.cu_tru', 'thoi_gian', ['07 ngày làm việc', '03 ngày làm việc']],
  ['đăng ký thường trú ở đâu', 'thu_tuc.cu_tru', 'noi_nop', ['Công an xã']],
  ['làm lại căn cước bị mất mất bao nhiêu tiền', 'thu_tuc.can_cuoc', 'le_phi', ['không thu lệ phí', '35.000 đồng']],
  ['cấp đổi thẻ căn cước mất mấy ngày', 'thu_tuc.can_cuoc', 'thoi_gian', ['07 ngày làm việc']],
  ['đăng ký hộ kinh doanh mất mấy ngày', 'thu_tuc.ho_kinh_doanh', 'thoi_gian', ['03 ngày làm việc']],
  ['đăng ký hộ kinh doanh ở đâu', 'thu_tuc.ho_kinh_doanh', 'noi_nop', ['cấp xã']],
  ['làm sổ đỏ lần đầu nộp hồ sơ ở đâu', 'thu_tuc.dat_dai', 'noi_nop', ['Trung tâm Phục vụ hành chính công']],
  ['xin giấy phép xây dựng nhà ở mất mấy ngày', 'thu_tuc.xay_dung', 'thoi_gian', ['07 ngày làm việc']],
  ['xin giấy phép xây nhà ở đâu', 'thu_tuc.xay_dung', 'noi_nop', ['UBND xã']],
  ['người khuyết tật được trợ cấp bao nhiêu tiền một tháng', 'thu_tuc.tro_cap_xa_hoi', 'le_phi', ['540.000 đồng']],
  ['đăng ký xét hộ nghèo nộp ở đâu', 'thu_tuc.ho_ngheo', 'noi_nop', ['Chủ tịch UBND xã']],
  ['mức trợ cấp người có công là bao nhiêu tiền', 'thu_tuc.nguoi_co_cong', 'le_phi', ['3.012.000 đồng']],
  ['làm thẻ bảo hiểm y tế mất mấy ngày', 'thu_tuc.bao_hiem_y_te', 'thoi_gian', ['05 ngày làm việc']],
  ['cấp lại thẻ bảo hiểm y tế nộp ở đâu', 'thu_tuc.bao_hiem_y_te', 'noi_nop', ['Bảo hiểm xã hội']],
];

/** Facts the content could not source: the bot must say so and where to check, never guess. */
export const UNKNOWN: readonly [question: string, intent: string, aspect: string][] = [
  ['xin giấy phép xây dựng mất bao nhiêu tiền', 'thu_tuc.xay_dung', 'le_phi'],
  ['xin giấy xác nhận độc thân mất mấy ngày', 'thu_tuc.xac_nhan_hon_nhan', 'thoi_gian'],
  ['làm sổ đỏ lần đầu mất bao lâu', 'thu_tuc.dat_dai', 'thoi_gian'],
];

/** The phrases of a reply saying a fact is not verified and where to check. */
export const UNKNOWN_MUST_SAY = ['chưa có thông tin đã được kiểm chứng', '1800 1096'] as const;
/** Every reply that states facts ends with its sources and the date they were checked. */
export const SOURCES_LINE = /Nguồn: .+kiểm tra ngày \d{2}\/\d{2}\/\d{4}/;
/** An amount of money, which a reply about an unknown fact must not state. */
export const AMOUNT = /\d{1,3}(\.\d{3})+ đồng/;

export const replyText = (replies: readonly Reply[]): string => replies.map((r) => r.text).join('\n');

/** Asks one question in a conversation of its own. */
export function askFact(engine: Engine, question: string) {
  return engine.handleTurn({ channel: 'fact-check', conversationId: question, userId: 'u', platformMessageId: '1', text: question, receivedAt: new Date() });
}

/**
 * Runs the whole table through an engine (one with a store of its own: the questions are not
 * citizens' conversations). Each failure names the procedure's file and the aspect asked.
 */
export async function factProblems(engine: Engine): Promise<ContentProblem[]> {
  const problems: ContentProblem[] = [];
  const check = async (question: string, intent: string, aspect: string, fault: (text: string) => string | undefined) => {
    const turn = await askFact(engine, question);
    const file = intent.startsWith('thu_tuc.') ? `data/procedures/${intent.slice('thu_tuc.'.length)}.yaml` : `intents/${intent}.yaml`;
    const text = replyText(turn.replies);
    const why =
      turn.intent !== intent
        ? `câu hỏi kiểm tra "${question}" được hiểu là ${turn.intent ?? 'không rõ'}, không phải ${intent}`
        : turn.aspect !== aspect
          ? `câu hỏi kiểm tra "${question}" được hiểu là khía cạnh ${turn.aspect ?? 'không rõ'}, không phải ${aspect}`
          : fault(text);
    if (why) problems.push({ file, field: aspect, message: why });
  };
  for (const [question, intent, aspect, mustSay] of FACTS) {
    await check(question, intent, aspect, (text) => {
      const missing = mustSay.filter((fact) => !text.includes(fact));
      if (missing.length > 0) return `câu trả lời cho "${question}" phải nêu ${missing.map((m) => `"${m}"`).join(', ')}`;
      return SOURCES_LINE.test(text) ? undefined : `câu trả lời cho "${question}" thiếu dòng nguồn và ngày kiểm tra`;
    });
  }
  for (const [question, intent, aspect] of UNKNOWN) {
    await check(question, intent, aspect, (text) =>
      UNKNOWN_MUST_SAY.every((s) => text.includes(s)) && !AMOUNT.test(text)
        ? undefined
        : `câu trả lời cho "${question}" phải nói chưa có thông tin đã được kiểm chứng và nơi kiểm tra, không nêu số tiền`,
    );
  }
  return problems;
}
