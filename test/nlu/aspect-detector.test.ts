import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/content-bundle.js';
import { AspectDetector } from '../../src/nlu/aspect-detector.js';
import { Normalizer } from '../../src/nlu/normalize/pipeline.js';

describe('aspect detection (data/aspects.yaml)', () => {
  const content = loadContent();
  const detector = new AspectDetector(content.aspects);
  const normalizer = new Normalizer(content.abbreviations);
  const aspectOf = (text: string) => detector.detect(normalizer.normalize(text).folded);

  it.each([
    ['làm cái này tốn hết bao nhiêu tiền vậy', 'le_phi'],
    ['bao lau thi nhan duoc ket qua', 'thoi_gian'],
    ['phải mang theo những giấy tờ gì', 'ho_so'],
    ['nop ho so o cho nao', 'noi_nop'],
    ['có làm qua mạng được không', 'truc_tuyen'],
    ['theo nghị định nào vậy', 'can_cu'],
    ['xin mẫu tờ khai với', 'mau_don'],
    ['các bước thực hiện ra sao', 'trinh_tu'],
    ['tôi muốn hỏi về khai sinh', 'tong_quan'],
  ])('"%s" → %s', (text, aspect) => {
    expect(aspectOf(text)).toBe(aspect);
  });
});

describe('topic words (what a follow-up may not carry)', () => {
  const content = loadContent();
  const detector = new AspectDetector(content.aspects, content.followUpWords);
  const normalizer = new Normalizer(content.abbreviations);
  const topicWords = (text: string) => detector.topicWords(normalizer.normalize(text).folded);

  it('counts none in a pure follow-up and several in a question with its own topic', () => {
    expect(topicWords('thế lệ phí bao nhiêu ạ')).toBe(0);
    expect(topicWords('nộp ở đâu')).toBe(0);
    expect(topicWords('thời tiết ngày mai thế nào')).toBeGreaterThanOrEqual(4);
  });
});
