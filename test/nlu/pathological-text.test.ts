import { beforeAll, describe, expect, it } from 'vitest';
import { trainNlu } from '../../src/bot.js';
import { loadContent } from '../../src/content/content-bundle.js';
import type { Nlu } from '../../src/nlu/nlu.js';
import { toNfcLower } from '../../src/nlu/normalize/unicode.js';
import { SpellingCorrector } from '../../src/nlu/spelling.js';
import { pathologicalTexts } from '../support/pathological-texts.js';

const MB = 1_000_000;
const CASES = Object.keys(pathologicalTexts(10));

/** The faster of two runs, in milliseconds (one run may be slowed by the shared machine). */
function bestOf2(nlu: Nlu, text: string): number {
  let best = Infinity;
  for (let i = 0; i < 2; i++) {
    const start = performance.now();
    nlu.analyze(text);
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

// A bound on growth, not a speed target (those are in `npm run bench`): a super-linear step
// (a quadratic one takes 4× as long for twice the text, ReDoS far more) fails here.
describe('the NLU under pathological text', () => {
  let nlu: Nlu;
  beforeAll(() => {
    nlu = trainNlu(loadContent());
  }, 60_000);

  it.each(CASES)('%s: 1 MB is analysed within seconds, and 2 MB in less than 4× the time', (name) => {
    const one = bestOf2(nlu, pathologicalTexts(MB)[name]!);
    const two = bestOf2(nlu, pathologicalTexts(2 * MB)[name]!);
    expect(one).toBeLessThan(10_000);
    // The slack keeps timer noise on cases of a few milliseconds from deciding.
    expect(two, `${name}: ${one.toFixed(0)} ms for 1 MB, ${two.toFixed(0)} ms for 2 MB`).toBeLessThan(4 * one + 100);
  }, 120_000);

  it('still understands an ordinary question', () => {
    expect(nlu.analyze('thủ tục đăng ký khai sinh cho con').ranked[0]?.intent).toBe('thu_tuc.khai_sinh');
  });
});

describe('the fixes for super-linear steps', () => {
  it('cuts runs of combining marks to two, keeping every Vietnamese letter (NFD input included)', () => {
    expect(toNfcLower('Nghiệp Vụ'.normalize('NFD'))).toBe('nghiệp vụ');
    expect(toNfcLower('a' + '\u0301\u0323'.repeat(50_000))).toBe('ạ\u0301'.normalize('NFC'));
  });

  it('leaves a token longer than any known word by two letters alone without looking for candidates', () => {
    const corrector = new SpellingCorrector(['khai', 'sinh', 'dangky']);
    expect(corrector.correct('dangkyy')).toBe('dangky');
    const long = 'abcdeghiklmnopqrstuvxy'.repeat(20_000);
    expect(corrector.correct(long)).toBe(long);
  });
});
