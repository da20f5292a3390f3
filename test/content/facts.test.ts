import { beforeAll, describe, expect, it } from 'vitest';
import { createBot, type Bot } from '../../src/bot.js';
import type { Reply } from '../../src/engine/reply.js';

/**
 * Fact tests: for each procedure, a citizen's question and the facts its reply must state
 * (fee, time limit, body). They run through the whole engine, so an edit of data/procedures
 * that changes a fee or an office — or a change that routes the question elsewhere — fails here.
 */
const FACTS: readonly [question: string, intent: string, aspect: string, mustSay: readonly string[]][] = [
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
];

let bot: Bot;
beforeAll(() => {
  bot = createBot();
});

const textOf = (replies: readonly Reply[]) => replies.map((r) => r.text).join('\n');

describe('facts stated by the bot', () => {
  it.each(FACTS)('"%s" → %s / %s', async (question, intent, aspect, mustSay) => {
    const turn = await bot.engine.handleTurn({
      channel: 'test',
      conversationId: question,
      userId: 'u',
      platformMessageId: '1',
      text: question,
      receivedAt: new Date(),
    });
    expect(turn.intent).toBe(intent);
    expect(turn.aspect).toBe(aspect);
    const text = textOf(turn.replies);
    for (const fact of mustSay) expect(text).toContain(fact);
    expect(text).toMatch(/Nguồn: .+kiểm tra ngày \d{2}\/\d{2}\/\d{4}/);
  });
});
