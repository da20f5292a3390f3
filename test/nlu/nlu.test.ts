import { beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/content-bundle.js';
import { trainNlu } from '../../src/bot.js';
import type { Nlu } from '../../src/nlu/nlu.js';

let nlu: Nlu;
beforeAll(() => {
  nlu = trainNlu(loadContent());
});

const top = (text: string) => nlu.analyze(text).ranked[0]!;

describe('NLU on the real content', () => {
  it('understands a procedure question written with accents, without, with abbreviations and as NFD', () => {
    const variants = [
      'Tôi muốn đăng ký kết hôn thì phải làm gì?',
      'toi muon dang ky ket hon thi phai lam gi',
      'mk muốn đk kết hôn thì lm j',
      'Tôi muốn đăng ký kết hôn thì phải làm gì?'.normalize('NFD'),
    ];
    for (const v of variants) expect(top(v).intent, v).toBe('thu_tuc.ket_hon');
  });

  it('scores an unaccented question about as high as its accented form', () => {
    const accented = top('Thủ tục cấp lại thẻ căn cước bị mất');
    const plain = top('thu tuc cap lai the can cuoc bi mat');
    expect(plain.intent).toBe(accented.intent);
    expect(Math.abs(plain.score - accented.score)).toBeLessThan(0.15);
  });

  it('reads past a long story to the question at the end', () => {
    const text =
      'Chào cán bộ. Nhà tôi ở bản xa, vợ tôi vừa sinh cháu thứ hai được hai tuần. ' +
      'Tôi đi làm thuê ở Hà Nội mới về, mấy hôm nay lo việc nhà và ruộng nương. ' +
      'Giờ tôi muốn làm giấy khai sinh cho cháu thì cần mang theo những giấy tờ gì?';
    const a = nlu.analyze(text);
    expect(a.ranked[0]!.intent).toBe('thu_tuc.khai_sinh');
    expect(a.aspect).toBe('ho_so');
  });

  it('does not answer out-of-scope questions', () => {
    for (const text of ['hôm nay trời có mưa không', 'giá xăng hôm nay bao nhiêu', 'asdfgh jkl']) {
      expect(nlu.analyze(text).decision.kind, text).not.toBe('answer');
    }
  });

  it('corrects a typo against its own vocabulary', () => {
    expect(top('thu tuc khai sinhh cho con').intent).toBe('thu_tuc.khai_sinh');
    expect(top('dang ky ket hno').intent).toBe('thu_tuc.ket_hon');
  });

  it('detects the aspect asked', () => {
    expect(nlu.analyze('làm sổ đỏ lần đầu mất bao nhiêu tiền').aspect).toBe('le_phi');
    expect(nlu.analyze('xin lý lịch tư pháp ở đâu').aspect).toBe('noi_nop');
    expect(nlu.analyze('thủ tục đăng ký khai tử').aspect).toBe('tong_quan');
  });
});
