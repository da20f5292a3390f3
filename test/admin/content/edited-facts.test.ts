import { expect, it } from 'vitest';
import { changedFacts } from '../../../src/admin/content/edited-facts.js';

it('counts a fact as changed only when what it states changed, whatever the order of its keys', () => {
  const before = {
    aspects: {
      // As in the file: example questions first, then the statement, its sources and check.
      thoi_gian: { examples: ['mất mấy ngày'], text: 'Ngay trong ngày.', sources: ['a'], check: { question: 'bao lâu' } },
      le_phi: { examples: ['bao nhiêu tiền'], text: '8.000 đồng.', sources: ['a'] },
    },
    cases: [{ id: 'so_goc', aspects: { le_phi: { text: '8.000 đồng.', sources: ['a'] } } }],
  };
  // As the form sends it back: keys in the schema's order, a new example question, the fee changed.
  const after = {
    aspects: {
      thoi_gian: { text: 'Ngay trong ngày.', sources: ['a'], examples: ['mất mấy ngày', 'chờ lâu không'], check: { question: 'bao lâu' } },
      le_phi: { text: '10.000 đồng.', sources: ['a'], examples: ['bao nhiêu tiền'] },
    },
    cases: [{ id: 'so_goc', aspects: { le_phi: { sources: ['a'], text: '8.000 đồng.' } } }],
  };
  expect(changedFacts(before, after)).toEqual(['aspects.le_phi']);
});
