import { describe, expect, it } from 'vitest';
import { decide, decidedLabel } from '../../src/nlu/decision.js';

const config = { threshold: 0.6, margin: 0.2, suggestFloor: 0.1, temperature: 1 };

describe('decision', () => {
  it('answers a probable intent that is clearly ahead', () => {
    expect(decide([{ intent: 'a', score: 0.8 }, { intent: 'b', score: 0.1 }], config)).toEqual({ kind: 'answer', intent: 'a' });
  });
  it('asks "did you mean" when two intents are close, with up to three in-scope options', () => {
    const d = decide(
      [
        { intent: 'a', score: 0.45 },
        { intent: 'b', score: 0.4 },
        { intent: 'ngoai_pham_vi', score: 0.12 },
        { intent: 'c', score: 0.11 },
        { intent: 'd', score: 0.105 },
      ],
      config,
    );
    expect(d).toEqual({ kind: 'clarify', options: ['a', 'b', 'c'] });
    expect(decidedLabel(d)).toBe('ngoai_pham_vi');
  });
  it('does not answer a probable intent without the margin', () => {
    expect(decide([{ intent: 'a', score: 0.62 }, { intent: 'b', score: 0.5 }], config).kind).toBe('clarify');
  });
  it('falls back when out of scope wins, offering the closest topics', () => {
    const d = decide([{ intent: 'ngoai_pham_vi', score: 0.7 }, { intent: 'a', score: 0.2 }], config);
    expect(d).toEqual({ kind: 'fallback', suggestions: ['a'] });
  });
  it('falls back with nothing plausible', () => {
    expect(decide([{ intent: 'a', score: 0.05 }], config)).toEqual({ kind: 'fallback', suggestions: [] });
    expect(decide([], config)).toEqual({ kind: 'fallback', suggestions: [] });
  });
});
