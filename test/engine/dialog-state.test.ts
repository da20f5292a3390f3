import { describe, expect, it } from 'vitest';
import type { ConversationEvent, StoredEvent } from '../../src/engine/conversation-events.js';
import { reduceDialogState } from '../../src/engine/dialog-state.js';

const T0 = Date.parse('2026-11-25T08:00:00Z');
const TTL = 30 * 60_000;
const isProcedure = (i: string) => i.startsWith('thu_tuc.');

function events(...list: [minutes: number, event: ConversationEvent][]): StoredEvent[] {
  return list.map(([m, event], i) => ({ conversationKey: 'k', seq: i + 1, at: new Date(T0 + m * 60_000), event }));
}
const at = (m: number) => new Date(T0 + m * 60_000);

describe('dialog state from events', () => {
  const answered = (intent: string, aspect = 'tong_quan' as const): ConversationEvent => ({ type: 'understood', outcome: 'answered', intent, aspect, ranked: [] });

  it('remembers the procedure and aspect of the last answer', () => {
    const s = reduceDialogState(events([0, answered('thu_tuc.ket_hon')], [1, { type: 'understood', outcome: 'answered', intent: 'thu_tuc.ket_hon', aspect: 'le_phi', ranked: [] }]), at(2), TTL, isProcedure);
    expect(s).toMatchObject({ procedure: 'thu_tuc.ket_hon', aspect: 'le_phi', failures: 0, held: false });
  });

  it('forgets context after the idle time and on reset, but not a handover', () => {
    const history = events([0, answered('thu_tuc.ket_hon')], [1, { type: 'handover_opened', reason: 'requested' }]);
    const later = reduceDialogState(history, at(45), TTL, isProcedure);
    expect(later.procedure).toBeUndefined();
    expect(later.held).toBe(true);
    const reset = reduceDialogState(events([0, answered('thu_tuc.ket_hon')], [1, { type: 'reset' }]), at(2), TTL, isProcedure);
    expect(reset.procedure).toBeUndefined();
  });

  it('counts consecutive failures and clears them on an answer', () => {
    const fail: ConversationEvent = { type: 'understood', outcome: 'fallback', ranked: [] };
    expect(reduceDialogState(events([0, fail], [1, fail]), at(2), TTL, isProcedure).failures).toBe(2);
    expect(reduceDialogState(events([0, fail], [1, answered('hoi_thoai.chao')]), at(2), TTL, isProcedure).failures).toBe(0);
  });

  it('keeps the choices of the last reply and the last answer for rating', () => {
    const s = reduceDialogState(
      events(
        [0, { type: 'user_said', platformMessageId: '1', text: 'kết hôn' }],
        [0, answered('thu_tuc.ket_hon')],
        [0, { type: 'bot_replied', replies: [{ kind: 'choices', text: 'x', choices: [{ title: 'Lệ phí', payload: 'i:thu_tuc.ket_hon:le_phi' }] }] }],
      ),
      at(1),
      TTL,
      isProcedure,
    );
    expect(s.offered).toEqual([{ title: 'Lệ phí', payload: 'i:thu_tuc.ket_hon:le_phi' }]);
    expect(s.lastAnswer).toEqual({ seq: 2, question: 'kết hôn', intent: 'thu_tuc.ket_hon' });
  });

  it('is released by the officer', () => {
    const s = reduceDialogState(events([0, { type: 'handover_opened', reason: 'requested' }], [5, { type: 'handover_released', officer: 'Lan' }]), at(6), TTL, isProcedure);
    expect(s.held).toBe(false);
  });
});
