import { describe, expect, it } from 'vitest';
import { splitText } from '../../src/channels/split-text.js';

describe('splitText', () => {
  it('keeps short text whole', () => {
    expect(splitText('Xin chào Anh/Chị.', 2000)).toEqual(['Xin chào Anh/Chị.']);
  });
  it('cuts at sentence ends within the limit and loses nothing', () => {
    const sentence = 'Hồ sơ gồm tờ khai và giấy tờ tùy thân. ';
    const text = sentence.repeat(100).trim();
    const parts = splitText(text, 2000);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(2000);
      expect(p.endsWith('.')).toBe(true);
    }
    expect(parts.join(' ')).toBe(text);
  });
  it('prefers line breaks, and hard-cuts a word longer than the limit', () => {
    expect(splitText('dòng một\ndòng hai', 12)).toEqual(['dòng một', 'dòng hai']);
    expect(splitText('a'.repeat(25), 10)).toEqual(['a'.repeat(10), 'a'.repeat(10), 'a'.repeat(5)]);
  });
});
