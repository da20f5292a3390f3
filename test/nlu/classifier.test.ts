import { describe, expect, it } from 'vitest';
import { IntentClassifier, rankLabels } from '../../src/nlu/classifier.js';
import { extractFeatures } from '../../src/nlu/features.js';
import { AbbreviationDictionary } from '../../src/nlu/normalize/abbreviations.js';
import { Normalizer } from '../../src/nlu/normalize/pipeline.js';

const normalizer = new Normalizer(new AbbreviationDictionary({}));
const f = (text: string) => extractFeatures(normalizer.normalize(text));

describe('intent classifier', () => {
  const data = [
    ...['đăng ký khai sinh cho con', 'làm giấy khai sinh', 'khai sinh cho bé mới sinh'].map((t) => ({ features: f(t), label: 'khai_sinh' })),
    ...['đăng ký kết hôn', 'làm giấy đăng ký kết hôn', 'thủ tục kết hôn'].map((t) => ({ features: f(t), label: 'ket_hon' })),
    ...['thời tiết hôm nay', 'giá vàng bao nhiêu', 'đội nào thắng'].map((t) => ({ features: f(t), label: 'ngoai_pham_vi' })),
  ];
  const classifier = IntentClassifier.train(data);

  it('ranks the right intent first, with or without accents', () => {
    for (const text of ['khai sinh cho con tôi', 'khai sinh cho con toi']) {
      expect(rankLabels(classifier.labels, classifier.logits(f(text)), 1)[0]!.intent).toBe('khai_sinh');
    }
    expect(rankLabels(classifier.labels, classifier.logits(f('ket hon')), 1)[0]!.intent).toBe('ket_hon');
  });

  it('returns probabilities that sum to one, and a lower temperature sharpens them', () => {
    const logits = classifier.logits(f('kết hôn'));
    const soft = rankLabels(classifier.labels, logits, 2);
    const sharp = rankLabels(classifier.labels, logits, 0.5);
    expect(soft.reduce((s, r) => s + r.score, 0)).toBeCloseTo(1, 9);
    expect(sharp[0]!.score).toBeGreaterThan(soft[0]!.score);
  });

  it('is deterministic for a given seed', () => {
    const again = IntentClassifier.train(data);
    expect(Array.from(again.logits(f('giấy khai sinh')))).toEqual(Array.from(classifier.logits(f('giấy khai sinh'))));
  });
});
