import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TurnLog, TurnRecord } from '../../../src/admin/review/turn-log.js';

export interface OpenedTurnLog {
  readonly turnLog: TurnLog;
  readonly dispose: () => Promise<void>;
}

/** 1 July 2025 at `hour`:`minute` UTC (Vietnam is 7 hours ahead: from 17:00 UTC it is 2 July there). */
export const utc = (hour: number, minute = 0): Date => new Date(Date.UTC(2025, 6, 1, hour, minute));

export function turn(at: Date, outcome: TurnRecord['outcome'], fields: Partial<TurnRecord> & { top?: number } = {}): TurnRecord {
  const { top, ...rest } = fields;
  return {
    at,
    channel: 'web',
    conversationKey: 'web:c1',
    outcome,
    topIntents: top === undefined ? [] : [{ intent: 'thu_tuc.khai_sinh', score: top }, { intent: 'ngoai_pham_vi', score: 0.1 }],
    latencyMs: 10,
    ...rest,
  };
}

/** What every TurnLog must do, run against each implementation. */
export function turnLogContract(name: string, open: () => Promise<OpenedTurnLog>): void {
  describe(`${name} turn log`, () => {
    let opened: OpenedTurnLog;
    let log: TurnLog;
    beforeEach(async () => {
      opened = await open();
      log = opened.turnLog;
    });
    afterEach(async () => {
      await opened.dispose();
    });

    it('keeps turns and returns those needing review with their fields, in a range and channel', async () => {
      const q = (text: string) => ({ text, folded: text.toLowerCase() });
      await log.record(turn(utc(1), 'fallback', { ...q('Thời tiết'), top: 0.2 }));
      await log.record(turn(utc(2), 'clarified', { ...q('Khai sinh?'), top: 0.6, channel: 'telegram', conversationKey: 'telegram:9' }));
      await log.record(turn(utc(3), 'answered', { ...q('lam khai sinh'), top: 0.45, intent: 'thu_tuc.khai_sinh', aspect: 'ho_so' }));
      await log.record(turn(utc(4), 'answered', { ...q('khai sinh cần gì'), top: 0.9, intent: 'thu_tuc.khai_sinh' }));
      await log.record(turn(utc(5), 'fallback', { top: 0.1 })); // a tapped button: no text
      const all = await log.reviewCandidates({});
      expect(all.map((t) => t.text)).toEqual(['Thời tiết', 'Khai sinh?', 'lam khai sinh']);
      expect(all[2]).toEqual({
        id: expect.any(Number),
        at: utc(3),
        channel: 'web',
        conversationKey: 'web:c1',
        text: 'lam khai sinh',
        folded: 'lam khai sinh',
        outcome: 'answered',
        intent: 'thu_tuc.khai_sinh',
        aspect: 'ho_so',
        topIntents: [
          { intent: 'thu_tuc.khai_sinh', score: 0.45 },
          { intent: 'ngoai_pham_vi', score: 0.1 },
        ],
        latencyMs: 10,
      });
      expect((await log.reviewCandidates({ from: utc(2), to: utc(3) })).map((t) => t.text)).toEqual(['Khai sinh?']);
      expect((await log.reviewCandidates({}, 'telegram')).map((t) => t.text)).toEqual(['Khai sinh?']);
    });

    it('rates the latest answered turn of the conversation, which then needs review when not helpful', async () => {
      expect(await log.rateLatestAnswer('web:c1', utc(9), false)).toBe(false);
      await log.record(turn(utc(1), 'answered', { text: 'a', folded: 'a', top: 0.9, intent: 'x' }));
      await log.record(turn(utc(2), 'answered', { text: 'b', folded: 'b', top: 0.9, intent: 'x' }));
      await log.record(turn(utc(3), 'answered', { text: 'c', folded: 'c', top: 0.9, intent: 'x', conversationKey: 'web:other' }));
      await log.record(turn(utc(4), 'rated'));
      expect(await log.rateLatestAnswer('web:c1', utc(4), false)).toBe(true);
      const candidates = await log.reviewCandidates({});
      expect(candidates.map((t) => [t.text, t.helpful])).toEqual([['b', false]]);
    });

    it('keeps the review status of groups', async () => {
      expect(await log.statuses(['a', 'b'])).toEqual(new Map());
      await log.setStatus('a', 'done', { user: 'lan', at: utc(1) });
      await log.setStatus('b', 'done', { user: 'lan', at: utc(1) });
      await log.setStatus('b', 'ignored', { user: 'minh', at: utc(2) });
      expect(await log.statuses(['a', 'b', 'c'])).toEqual(new Map([['a', 'done'], ['b', 'ignored']]));
      expect(await log.statuses([])).toEqual(new Map());
    });

    it('computes the dashboard figures of a range', async () => {
      const q = (text: string) => ({ text, folded: text.toLowerCase() });
      await log.record(turn(utc(1), 'answered', { ...q('A'), intent: 'thu_tuc.khai_sinh', top: 0.9, latencyMs: 5 }));
      await log.record(turn(utc(2), 'answered', { ...q('B'), intent: 'thu_tuc.khai_sinh', top: 0.9, latencyMs: 40 }));
      await log.record(turn(utc(3), 'answered', { ...q('C'), intent: 'dvc.tai_khoan', top: 0.9, latencyMs: 20, channel: 'zalo' }));
      await log.record(turn(utc(4), 'rated', { latencyMs: 1 }));
      await log.rateLatestAnswer('web:c1', utc(4), true);
      await log.record(turn(utc(17, 30), 'fallback', { ...q('Giá vàng'), top: 0.2, latencyMs: 30 }));
      await log.record(turn(utc(18), 'fallback', { ...q('giá VÀNG'), top: 0.2, latencyMs: 10 }));
      await log.record(turn(utc(19), 'fallback', { ...q('Bóng đá'), top: 0.2, latencyMs: 10 }));
      await log.record(turn(utc(20), 'handover', { intent: 'hoi_thoai.gap_can_bo', latencyMs: 10 }));
      await log.record(turn(new Date(Date.UTC(2025, 6, 3)), 'answered', { intent: 'x', latencyMs: 10 }));

      const figures = await log.figures({ from: utc(0), to: utc(23) }, 2);
      expect(figures).toEqual({
        messages: 7,
        perDay: [
          { day: '2025-07-01', channel: 'web', count: 2 },
          { day: '2025-07-01', channel: 'zalo', count: 1 },
          { day: '2025-07-02', channel: 'web', count: 4 },
        ],
        outcomes: { answered: 3, fallback: 3, handover: 1 },
        topIntents: [
          { intent: 'thu_tuc.khai_sinh', count: 2 },
          { intent: 'dvc.tai_khoan', count: 1 },
        ],
        topUnanswered: [
          { folded: 'giá vàng', text: 'Giá vàng', count: 2 },
          { folded: 'bóng đá', text: 'Bóng đá', count: 1 },
        ],
        ratings: { helpful: 1, notHelpful: 0 },
        medianLatencyMs: 10,
      });
      const empty = await log.figures({ from: utc(22), to: utc(23) }, 10);
      expect(empty).toEqual({ messages: 0, perDay: [], outcomes: {}, topIntents: [], topUnanswered: [], ratings: { helpful: 0, notHelpful: 0 } });
    });

    it('blanks texts older than the retention limit', async () => {
      await log.record(turn(utc(1), 'fallback', { text: 'cũ', folded: 'cu', top: 0.1 }));
      await log.record(turn(utc(5), 'fallback', { text: 'mới', folded: 'moi', top: 0.1 }));
      expect(await log.purgeTexts(utc(3))).toBe(1);
      expect(await log.purgeTexts(utc(3))).toBe(0);
      expect((await log.reviewCandidates({})).map((t) => t.text)).toEqual(['mới']);
    });
  });
}
