import { beforeAll, describe, expect, it } from 'vitest';
import { createBot, type Bot } from '../../src/bot.js';

let bot: Bot;
beforeAll(() => {
  bot = createBot();
});

let conversations = 0;
/** One conversation: each call sends the next message a minute after the previous one. */
function chat() {
  const id = `dc${++conversations}`;
  let n = 0;
  let clock = Date.parse('2026-12-01T08:00:00Z');
  return (text: string) => {
    clock += 60_000;
    return bot.engine.handleTurn({ channel: 'test', conversationId: id, userId: id, platformMessageId: String(++n), text, receivedAt: new Date(clock) });
  };
}

describe('dialog model: follow-ups read in the context of the procedure under discussion', () => {
  it.each([
    ['Làm thẻ căn cước lần đầu cho con thế nào', 'thu_tuc.can_cuoc', 'chờ mấy tuần', 'thoi_gian'],
    ['thẻ bảo hiểm y tế hộ gia đình mua ở đâu', 'thu_tuc.bao_hiem_y_te', 'đóng theo năm hay theo tháng', 'le_phi'],
    ['tôi muốn xin giấy phép xây dựng nhà ở', 'thu_tuc.xay_dung', 'gửi cho ai', 'noi_nop'],
    ['đăng ký khai tử cho bố tôi', 'thu_tuc.khai_tu', 'mat may ngay', 'thoi_gian'],
  ])('after "%s" (%s), the aspect-only "%s" continues it with %s', async (first, intent, followUp, aspect) => {
    const say = chat();
    expect((await say(first)).intent).toBe(intent);
    const next = await say(followUp);
    expect(next.intent).toBe(intent);
    expect(next.aspect).toBe(aspect);
  });

  it('a yes/no check stays on the current procedure', async () => {
    const say = chat();
    expect((await say('đăng ký khai sinh cho con nộp ở đâu')).intent).toBe('thu_tuc.khai_sinh');
    const check = await say('làm ở xã nơi thường trú đúng không');
    expect(check.intent).toBe('thu_tuc.khai_sinh');
    expect(check.aspect).toBe('noi_nop');
    expect((await say('ông bà nội đi đăng ký thay được chứ')).intent).toBe('thu_tuc.khai_sinh');
  });

  it('a case detail stays on the current procedure and its aspect', async () => {
    const say = chat();
    expect((await say('làm căn cước cần mang giấy tờ gì')).intent).toBe('thu_tuc.can_cuoc');
    const detail = await say('con tôi 15 tuổi thì sao');
    expect(detail.intent).toBe('thu_tuc.can_cuoc');
    expect(detail.aspect).toBe('ho_so');
  });

  it('"còn … thì sao" switches procedure and keeps the aspect', async () => {
    const say = chat();
    await say('lệ phí đăng ký khai sinh là bao nhiêu');
    const next = await say('còn khai tử thì sao');
    expect(next.intent).toBe('thu_tuc.khai_tu');
    expect(next.aspect).toBe('le_phi');
    const again = await say('the con ket hon thi sao');
    expect(again.intent).toBe('thu_tuc.ket_hon');
    expect(again.aspect).toBe('le_phi');
  });

  it('a closing inside a topic is a goodbye', async () => {
    const say = chat();
    await say('đăng ký tạm trú cho người thuê trọ thế nào');
    await say('nộp ở đâu');
    expect((await say('vậy mai tôi gọi, chào nhé')).intent).toBe('hoi_thoai.tam_biet');
  });

  it('a real change of topic is a new question with its own aspect', async () => {
    const say = chat();
    expect((await say('đăng ký kết hôn cần những giấy tờ gì')).intent).toBe('thu_tuc.ket_hon');
    const other = await say('Nhân tiện cho tôi hỏi: cấp phiếu lý lịch tư pháp mất mấy ngày?');
    expect(other.intent).toBe('thu_tuc.ly_lich_tu_phap');
    expect(other.aspect).toBe('thoi_gian');
    const topic = await say('quên mật khẩu tài khoản dịch vụ công thì lấy lại thế nào');
    expect(topic.intent).toBe('dvc.tai_khoan');
  });

  it('an out-of-scope message mid-conversation is not answered with the procedure', async () => {
    const say = chat();
    await say('xin giấy xác nhận tình trạng hôn nhân ở đâu');
    const oos = await say('chiều nay có trận bóng nào không ad');
    expect(oos.outcome).toBe('fallback');
    const back = await say('thế lệ phí bao nhiêu');
    expect(back.intent).toBe('thu_tuc.xac_nhan_hon_nhan');
  });

  it('a neighbouring-domain question mid-conversation gets its referral', async () => {
    const say = chat();
    await say('đăng ký khai sinh cho bé cần gì');
    expect((await say('còn tiền thai sản của vợ thì lĩnh ở đâu')).intent).toBe('ngoai_pham_vi.bao_hiem_xa_hoi');
  });
});
