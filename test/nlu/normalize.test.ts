import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/content-bundle.js';
import { AbbreviationDictionary } from '../../src/nlu/normalize/abbreviations.js';
import { foldDiacritics } from '../../src/nlu/normalize/fold.js';
import { stripNoise } from '../../src/nlu/normalize/noise.js';
import { Normalizer } from '../../src/nlu/normalize/pipeline.js';
import { unifyTonePlacement } from '../../src/nlu/normalize/tone-placement.js';
import { tokenize } from '../../src/nlu/normalize/tokenize.js';
import { toNfcLower } from '../../src/nlu/normalize/unicode.js';

describe('unicode stage', () => {
  it('turns decomposed (NFD) phone input into the same string as precomposed input', () => {
    const nfd = 'Đăng ký khai sinh'.normalize('NFD');
    expect(nfd).not.toBe('Đăng ký khai sinh');
    expect(toNfcLower(nfd)).toBe('đăng ký khai sinh');
  });
});

describe('tone placement', () => {
  it.each([
    ['hoà', 'hòa'],
    ['thuý', 'thúy'],
    ['khoẻ', 'khỏe'],
    ['uỷ ban', 'ủy ban'],
    ['hoạ sĩ', 'họa sĩ'],
  ])('unifies old-style %s with %s', (old, modern) => {
    expect(unifyTonePlacement(old)).toBe(unifyTonePlacement(modern));
  });

  it('leaves closed syllables and "qu" alone', () => {
    expect(unifyTonePlacement('hoàn thành')).toBe('hoàn thành');
    expect(unifyTonePlacement('thuyền')).toBe('thuyền');
    expect(unifyTonePlacement('quý')).toBe('quý');
  });
});

describe('folding', () => {
  it('removes marks and maps đ to d explicitly', () => {
    expect(foldDiacritics('đăng ký đất đai')).toBe('dang ky dat dai');
    expect(foldDiacritics('Đ')).toBe('D');
  });
  it('keeps bà, bá and ba distinct before folding (no blind stripping upstream)', () => {
    const n = new Normalizer(new AbbreviationDictionary({}));
    expect(n.normalize('bà').tokens).toEqual(['bà']);
    expect(n.normalize('bá').tokens).toEqual(['bá']);
  });
});

describe('noise', () => {
  it('drops emoji and emoticons, shortens stretched letters and punctuation', () => {
    expect(stripNoise('cho hỏi 😀😀 đượcccc không??? :)')).toBe('cho hỏi được không?');
  });
  it('keeps application codes and ID numbers', () => {
    expect(tokenize(stripNoise('tra cứu hồ sơ 000.12.34.H56-250910-0012 nhé'))).toContain('000.12.34.H56-250910-0012');
    expect(tokenize('số 012345678901 của tôi')).toContain('012345678901');
  });
});

describe('"cccd" (issue 13: it became "cd")', () => {
  it('keeps a word of consonants only whole (an abbreviation), still shortening stretched words', () => {
    expect(stripNoise('cccd')).toBe('cccd');
    expect(stripNoise('lam cccd dc ko')).toBe('lam cccd dc ko');
    expect(stripNoise('đượcccc nhaaaa')).toBe('được nha');
  });

  it('expands "cccd" to "căn cước công dân" with the content\'s abbreviations', () => {
    const normalizer = new Normalizer(loadContent().abbreviations);
    expect(normalizer.normalize('cccd').tokens).toEqual(['căn', 'cước', 'công', 'dân']);
    expect(normalizer.normalize('làm CCCD ở đâu').tokens.join(' ')).toBe('làm căn cước công dân ở đâu');
  });
});

describe('abbreviations', () => {
  const dict = new AbbreviationDictionary({ ko: 'không', đc: 'được', bn: 'bao nhiêu', cccd: 'căn cước công dân' });
  it('expands chat abbreviations into words', () => {
    expect(dict.expand(['lam', 'cccd', 'mat', 'bn', 'ko'])).toEqual(['lam', 'căn', 'cước', 'công', 'dân', 'mat', 'bao', 'nhiêu', 'không']);
  });
  it('matches an accented key from its unaccented spelling', () => {
    expect(dict.expand(['dc'])).toEqual(['được']);
  });
});

describe('pipeline', () => {
  const n = new Normalizer(new AbbreviationDictionary({ ko: 'không', j: 'gì' }));
  it('gives the same folded form for accented, unaccented and NFD input', () => {
    const a = n.normalize('Đăng ký khai sinh cần giấy tờ gì?');
    const b = n.normalize('dang ky khai sinh can giay to j');
    const c = n.normalize('Đăng ký khai sinh cần giấy tờ gì?'.normalize('NFD'));
    expect(b.folded).toEqual(a.folded);
    expect(c.folded).toEqual(a.folded);
  });
});
