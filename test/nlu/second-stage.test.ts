import { describe, expect, it } from 'vitest';
import { Nlu, type NluTrainingData } from '../../src/nlu/nlu.js';
import { AbbreviationDictionary } from '../../src/nlu/normalize/abbreviations.js';

const config = { threshold: 0.3, margin: 0, suggestFloor: 0.1, temperature: 1 };

/** A tiny world: two procedures, one with a case, one topic with two details; cue table knows only "lệ phí". */
const data: NluTrainingData = {
  examples: [
    ...['đăng ký khai sinh cho con', 'làm giấy khai sinh', 'khai sinh cho bé', 'thủ tục khai sinh', 'lệ phí khai sinh'].map((text) => ({ text, intent: 'thu_tuc.khai_sinh' })),
    ...['đăng ký kết hôn', 'làm giấy kết hôn', 'thủ tục kết hôn', 'kết hôn ở xã', 'lệ phí kết hôn'].map((text) => ({ text, intent: 'thu_tuc.ket_hon' })),
    ...['khiếu nại quyết định', 'tố cáo cán bộ', 'gửi đơn khiếu nại', 'khiếu nại tố cáo'].map((text) => ({ text, intent: 'cong_dan.khieu_nai' })),
    ...['thời tiết hôm nay', 'giá vàng', 'bóng đá tối nay'].map((text) => ({ text, intent: 'ngoai_pham_vi' })),
  ],
  abbreviations: new AbbreviationDictionary({}),
  aspects: [
    { aspect: 'le_phi', title: 'Lệ phí', weight: 1, phrases: ['lệ phí'] },
    { aspect: 'thoi_gian', title: 'Thời hạn', weight: 1, phrases: ['bao lâu'] },
  ],
  procedureIntents: ['thu_tuc.khai_sinh', 'thu_tuc.ket_hon'],
  units: [
    { intent: 'thu_tuc.khai_sinh', aspect: 'le_phi', part: 'g', examples: ['khai sinh tốn bao nhiêu', 'kết hôn tốn mấy đồng', 'khai sinh có mất đồng nào không', 'kết hôn tốn tiền không'] },
    { intent: 'thu_tuc.ket_hon', aspect: 'thoi_gian', part: 'g', examples: ['kết hôn mấy hôm xong', 'khai sinh chờ mấy hôm', 'kết hôn mấy ngày có giấy'] },
    { intent: 'thu_tuc.khai_sinh', aspect: 'le_phi', part: 'c0', examples: ['khai sinh quá hạn có bị thu tiền', 'khai sinh muộn quá hạn', 'quá hạn khai sinh'] },
    { intent: 'cong_dan.khieu_nai', aspect: 'tong_quan', part: 'd0', examples: ['đơn khiếu nại ghi gì', 'viết đơn khiếu nại thế nào', 'nội dung đơn khiếu nại'] },
    { intent: 'cong_dan.khieu_nai', aspect: 'tong_quan', part: 'd1', examples: ['người tố cáo có bị lộ tên', 'giữ kín danh tính người tố cáo', 'bảo vệ người tố cáo'] },
  ],
};
const nlu = Nlu.train(data, config);

describe('learned aspect', () => {
  it('learns a phrasing the cue table does not know, and still uses the cue table as evidence', () => {
    const a = nlu.analyze('khai sinh tốn bao nhiêu tiền');
    expect(a.cueAspect).toBe('tong_quan');
    expect(a.aspect).toBe('le_phi');
    expect(nlu.analyze('ket hon cho may hom').aspect).toBe('thoi_gian');
    expect(nlu.analyze('lệ phí kết hôn').aspect).toBe('le_phi');
  });

  it('gives every aspect a probability, best first, summing to one', () => {
    const { aspects } = nlu.analyze('kết hôn mấy hôm');
    expect(aspects[0]!.aspect).toBe('thoi_gian');
    expect(aspects.reduce((s, a) => s + a.score, 0)).toBeCloseTo(1, 9);
    for (let i = 1; i < aspects.length; i++) expect(aspects[i - 1]!.score).toBeGreaterThanOrEqual(aspects[i]!.score);
  });

  it('sharpens or softens its probabilities with the configured temperature', () => {
    const soft = nlu.withConfig({ ...config, aspectTemperature: 3 }).analyze('khai sinh tốn bao nhiêu').aspects[0]!.score;
    const sharp = nlu.withConfig({ ...config, aspectTemperature: 0.5 }).analyze('khai sinh tốn bao nhiêu').aspects[0]!.score;
    expect(sharp).toBeGreaterThan(soft);
  });
});

describe('second stage: the part of the answer', () => {
  it('picks a case or a detail from its own examples, and the general answer otherwise', () => {
    expect(nlu.parts(nlu.analyze('khai sinh quá hạn mất tiền không'), 'thu_tuc.khai_sinh')[0]!.part).toBe('c0');
    expect(nlu.parts(nlu.analyze('đăng ký khai sinh cho con'), 'thu_tuc.khai_sinh')[0]!.part).toBe('g');
    expect(nlu.parts(nlu.analyze('tố cáo có bị lộ tên không'), 'cong_dan.khieu_nai')[0]!.part).toBe('d1');
    expect(nlu.parts(nlu.analyze('đơn khiếu nại phải ghi những gì'), 'cong_dan.khieu_nai')[0]!.part).toBe('d0');
  });

  it('renormalises over the allowed parts, and has only the general part for an intent without parts', () => {
    const ranked = nlu.parts(nlu.analyze('tố cáo có bị lộ tên không'), 'cong_dan.khieu_nai', (p) => p !== 'd1');
    expect(ranked.map((r) => r.part)).not.toContain('d1');
    expect(ranked.reduce((s, r) => s + r.score, 0)).toBeCloseTo(1, 9);
    expect(nlu.parts(nlu.analyze('kết hôn mấy hôm'), 'thu_tuc.ket_hon')).toEqual([{ part: 'g', score: 1 }]);
  });

  it('lets a detail\'s examples teach the intent', () => {
    expect(nlu.analyze('giữ kín danh tính').ranked[0]!.intent).toBe('cong_dan.khieu_nai');
  });
});
