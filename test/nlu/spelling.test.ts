import { describe, expect, it } from 'vitest';
import { SpellingCorrector } from '../../src/nlu/spelling.js';

describe('spelling corrector', () => {
  const c = new SpellingCorrector(['khai', 'sinh', 'chung', 'thuc', 'truc', 'tuyen', 'tuyen', 'thuong', 'tru']);
  it('fixes a missing, an extra, a wrong and a swapped letter', () => {
    expect(c.correct('tuyn')).toBe('tuyen');
    expect(c.correct('tuyeen')).toBe('tuyen');
    expect(c.correct('chunh')).toBe('chung');
    expect(c.correct('khia')).toBe('khai');
  });
  it('leaves known words, short words, numbers and far-off words alone', () => {
    expect(c.correct('sinh')).toBe('sinh');
    expect(c.correct('an')).toBe('an');
    expect(c.correct('12345')).toBe('12345');
    expect(c.correct('xyzabc')).toBe('xyzabc');
  });
});
