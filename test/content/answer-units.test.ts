import { describe, expect, it } from 'vitest';
import { answerUnits, partKey, unitView } from '../../src/content/answer-units.js';
import { loadContent } from '../../src/content/content-bundle.js';
import { procedureFileSchema } from '../../src/content/procedure-schema.js';
import { topicFileSchema } from '../../src/content/topic-schema.js';

const content = loadContent();
const units = answerUnits(content);

describe('answer units', () => {
  it('gives every unit its own id', () => {
    expect(new Set(units.map((u) => u.id)).size).toBe(units.length);
  });

  it('has an overview and the eight aspects of every procedure, and a unit per case aspect', () => {
    for (const p of content.procedures) {
      const own = units.filter((u) => u.intent === p.intent && u.part.kind === 'general');
      expect(own.map((u) => u.aspect).sort(), p.id).toEqual(['can_cu', 'ho_so', 'le_phi', 'mau_don', 'noi_nop', 'thoi_gian', 'tong_quan', 'trinh_tu', 'truc_tuyen']);
    }
    const copyFee = units.find((u) => u.id === 'thu_tuc.chung_thuc/ban_sao_so_goc/le_phi');
    expect(copyFee?.part).toEqual({ kind: 'case', index: 3, id: 'ban_sao_so_goc' });
    expect(copyFee?.examples.length).toBeGreaterThan(2);
    expect(unitView(copyFee!)).toEqual({ kind: 'case', index: 3 });
    expect(partKey(copyFee!.part)).toBe('c3');
  });

  it('has a unit per topic detail, with the detail title', () => {
    const detail = units.find((u) => u.id === 'cong_dan.khieu_nai_to_cao/chi_tiet_6');
    expect(detail?.title).toBe('Người tố cáo được bảo vệ');
    expect(detail && unitView(detail)).toEqual({ kind: 'detail', index: 5 });
  });

  it('gives every procedure aspect examples of its own', () => {
    const bare = units.filter((u) => content.procedures.some((p) => p.intent === u.intent) && u.part.kind === 'general' && u.examples.length === 0);
    expect(bare.map((u) => u.id)).toEqual([]);
  });

  it('validates unit examples in the schemas: a list of non-empty texts', () => {
    const topic = { intent: 'a.b', text: 'x', details: [{ title: 't', text: 'x', examples: [' '] }] };
    expect(topicFileSchema.safeParse(topic).success).toBe(false);
    expect(topicFileSchema.safeParse({ ...topic, details: [{ title: 't', text: 'x', examples: ['câu hỏi'] }] }).success).toBe(true);
    const p = content.procedures[0]!;
    const withBad = { ...p, aspects: { ...p.aspects, le_phi: { ...p.aspects.le_phi, examples: [''] } } };
    expect(procedureFileSchema.safeParse(withBad).success).toBe(false);
  });
});
