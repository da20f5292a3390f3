import { describe, expect, it } from 'vitest';
import { encodePayload } from '../../src/engine/payload.js';
import { describeEvent } from '../../src/officer/describe-event.js';

describe('the handover history in words', () => {
  it('says what a tapped button meant, never its raw payload', () => {
    expect(describeEvent({ type: 'user_said', platformMessageId: '1', payload: 'follow' })).toBe('Người dân bắt đầu theo dõi trang');
    expect(describeEvent({ type: 'user_said', platformMessageId: '2', payload: encodePayload({ kind: 'officer' }) })).toBe('Người dân chọn: gặp cán bộ');
    expect(describeEvent({ type: 'user_said', platformMessageId: '3', payload: encodePayload({ kind: 'intent', intent: 'thu_tuc.khai_sinh', aspect: 'le_phi' }) })).toBe('Người dân chọn một chủ đề Trợ lý gợi ý');
  });

  it('leaves out how the engine understood a message, and words handovers plainly', () => {
    expect(describeEvent({ type: 'understood', outcome: 'answered', intent: 'thu_tuc.khai_sinh', aspect: 'le_phi', ranked: [] })).toBeUndefined();
    expect(describeEvent({ type: 'handover_opened', reason: 'requested' })).toBe('Người dân muốn gặp cán bộ.');
    expect(describeEvent({ type: 'handover_released', officer: 'Lan' })).toBe('Cán bộ Lan trả lại cuộc trò chuyện cho Trợ lý.');
    expect(describeEvent({ type: 'user_said', platformMessageId: '4', text: 'số tôi 0912345678' })).toBe('Người dân: số tôi *******678');
  });
});
