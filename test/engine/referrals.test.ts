import { beforeAll, describe, expect, it } from 'vitest';
import { createBot, type Bot } from '../../src/bot.js';
import { runEvaluation } from '../../src/cli/evaluation.js';
import { isReferral } from '../../src/nlu/referral.js';

let bot: Bot;
beforeAll(() => {
  bot = createBot();
});

let n = 0;
const ask = (text: string) =>
  bot.engine.handleTurn({ channel: 'test', conversationId: `r${++n}`, userId: 'u', platformMessageId: '1', text, receivedAt: new Date() });
const textOf = (r: Awaited<ReturnType<typeof ask>>) => r.replies.map((x) => ('text' in x ? x.text : '')).join('\n');

describe('neighbouring domains get a referral, not a procedure of ours', () => {
  it.each([
    ['mình nghỉ làm ở khu công nghiệp rồi, giờ muốn lĩnh tiền bảo hiểm xã hội 1 lần', 'ngoai_pham_vi.bao_hiem_xa_hoi', '1900 9068'],
    ['vo toi nghi de thi tien thai san ai tra', 'ngoai_pham_vi.bao_hiem_xa_hoi', 'VssID'],
    ['mới mất việc, hồ sơ thất nghiệp nộp chỗ nào', 'ngoai_pham_vi.tro_cap_that_nghiep', 'Trung tâm Dịch vụ việc làm'],
    ['quyết toán thuế tncn cho người làm công thì làm ở đâu', 'ngoai_pham_vi.thue', 'cơ quan thuế'],
    ['mua lại con xe wave của hàng xóm, muốn sang tên chính chủ', 'ngoai_pham_vi.dang_ky_xe', 'Công an'],
    ['bằng lái ô tô hạng B của tôi hết hạn rồi đổi ở đâu', 'ngoai_pham_vi.giay_phep_lai_xe', 'Cảnh sát giao thông'],
    ['cho con đi du học cần làm passport ở đâu', 'ngoai_pham_vi.ho_chieu', 'xuất nhập cảnh'],
    ['chủ xưởng nợ tiền công mấy tháng không trả thì kiện ở đâu', 'ngoai_pham_vi.tranh_chap_lao_dong', 'hòa giải viên lao động'],
    ['vợ chồng tôi muốn ly hôn thuận tình thì nộp đơn ở đâu', 'ngoai_pham_vi.toa_an', 'Tòa án nhân dân khu vực'],
    ['bị phạt nguội lỗi vượt đèn đỏ thì đi nộp phạt ở đâu', 'ngoai_pham_vi.phat_giao_thong', 'quyết định xử phạt'],
    ['nhà hàng xóm dựng hàng rào lấn sang vườn nhà tôi cả mét', 'ngoai_pham_vi.tranh_chap_dat_dai', 'hòa giải'],
  ])('"%s" → %s', async (text, intent, says) => {
    const r = await ask(text);
    expect(r.outcome).toBe('answered');
    expect(r.intent).toBe(intent);
    expect(textOf(r)).toContain(says);
  });

  it.each([
    ['thẻ bảo hiểm y tế của mẹ tôi hết hạn, gia hạn ở đâu', 'thu_tuc.bao_hiem_y_te'],
    ['mở tiệm tạp hóa thì đăng ký hộ kinh doanh ở đâu', 'thu_tuc.ho_kinh_doanh'],
    ['bố cho mảnh đất, sang tên sổ đỏ cần những gì', 'thu_tuc.dat_dai'],
  ])('the nearest in-scope question "%s" stays with %s', async (text, intent) => {
    expect((await ask(text)).intent).toBe(intent);
  });

  it('every referral intent answers with its sources', async () => {
    const referrals = bot.nlu.intents.filter(isReferral);
    expect(referrals.length).toBeGreaterThanOrEqual(10);
    for (const intent of referrals) {
      const r = await bot.engine.handleTurn({
        channel: 'test', conversationId: `p${++n}`, userId: 'u', platformMessageId: '1', payload: `i:${intent}`, receivedAt: new Date(),
      });
      expect(r.intent).toBe(intent);
      expect(textOf(r)).toMatch(/Nguồn/);
    }
  });

  it('eval counts a referral answer as out of scope', async () => {
    const [scored] = await runEvaluation(bot.engine, [
      { kind: 'message', line: 1, turn: { text: 'làm hộ chiếu ở đâu vậy ad', intent: 'ngoai_pham_vi' } },
    ]);
    expect(scored!.predicted).toBe('ngoai_pham_vi');
    expect(scored!.intentRight).toBe(true);
  });
});
