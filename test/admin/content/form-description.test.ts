import { describe, expect, it } from 'vitest';
import { aspectLabels } from '../../../src/admin/content/content-documents.js';
import { DOCUMENT_KINDS } from '../../../src/admin/content/document-kinds.js';
import { describeForm, fieldLabelAt, type FormField } from '../../../src/admin/content/form-description.js';
import { procedureFileSchema } from '../../../src/content/procedure-schema.js';
import { z } from '../../../src/content/zod-vi.js';
import { SEED } from '../../content-versions/harness.js';

const ASPECTS = aspectLabels(SEED);

/** Every field of a form with its path, through objects, records, lists and choices. */
function walk(field: FormField, path: string, out: { path: string; field: FormField; name?: string }[] = [], name?: string) {
  out.push({ path, field, ...(name !== undefined ? { name } : {}) });
  if (field.type === 'object') for (const f of field.fields) walk(f, `${path}.${f.name}`, out, f.name);
  if (field.type === 'record') walk(field.value, `${path}.<key>`, out);
  if (field.type === 'list') walk(field.item, `${path}.<n>`, out);
  if (field.type === 'choice') field.options.forEach((o, i) => walk(o.field, `${path}<${i}>`, out, name));
  return out;
}

describe('form description', () => {
  it('describes every field of every kind of content from its schema, each with a Vietnamese label', () => {
    for (const kind of DOCUMENT_KINDS) {
      const fields = walk(describeForm(kind.schema, ASPECTS), kind.kind);
      expect(fields.filter((f) => f.field.type === 'json').map((f) => f.path), kind.kind).toEqual([]);
      const unlabelled = fields.filter((f) => f.name !== undefined && f.field.label === f.name).map((f) => f.path);
      expect(unlabelled, kind.kind).toEqual([]);
      for (const { field } of fields) if (field.type === 'choice') expect(field.options.map((o) => o.label).every((l) => /\p{L}/u.test(l) && !l.includes('+'))).toBe(true);
    }
  });

  it('maps the schema to inputs: required text, dates, URLs, patterns, lists with minimum, fixed values and choices', () => {
    const form = describeForm(procedureFileSchema, ASPECTS);
    if (form.type !== 'object') throw new Error('a procedure is an object');
    const byName = Object.fromEntries(form.fields.map((f) => [f.name, f]));
    expect(byName.title).toMatchObject({ type: 'text', label: 'Tiêu đề', required: true, minLength: 1 });
    expect(byName.verified).toMatchObject({ type: 'text', format: 'date', required: true });
    expect(byName.codes).toMatchObject({ type: 'list', required: false, itemLabel: 'Mã', item: { type: 'text', pattern: '^\\d\\.\\d{6}$' } });
    const fee = walk(form, '').find((f) => f.path === '.aspects.le_phi')!.field;
    expect(fee).toMatchObject({ type: 'choice', label: 'Lệ phí', required: true });
    if (fee.type !== 'choice') throw new Error('a fact is a choice');
    expect(fee.options.map((o) => o.label)).toEqual(['Có thông tin, ghi nguồn', 'Chưa kiểm chứng được']);
    expect(fee.options[0]!.field).toMatchObject({ type: 'object', fields: [{ name: 'text', multiline: true }, { name: 'items', required: false }, { name: 'sources', type: 'list', minItems: 1, item: { suggest: 'sources' } }, { name: 'examples', type: 'list', required: false, label: 'Câu mẫu' }, { name: 'check', label: 'Câu hỏi kiểm tra', type: 'object', required: false, fields: [{ name: 'question', required: true }, { name: 'mustSay', type: 'list', required: false }] }] });
    expect(fee.options[1]!.field).toMatchObject({ type: 'object', fields: [{ name: 'unknown', type: 'constant', value: true }, { name: 'note', required: false }, { name: 'examples', type: 'list', required: false }, { name: 'check', label: 'Câu hỏi kiểm tra', required: false, fields: [{ name: 'question' }] }] });
    const sources = describeForm(DOCUMENT_KINDS.find((k) => k.kind === 'sources')!.schema);
    expect(sources).toMatchObject({ type: 'object', fields: [{ name: 'sources', type: 'record', key: { label: 'Mã nguồn', pattern: '^[a-z0-9_]+$' }, value: { type: 'object' } }] });
    const nlu = describeForm(DOCUMENT_KINDS.find((k) => k.kind === 'nlu')!.schema);
    expect(nlu).toMatchObject({ fields: [{ name: 'threshold', type: 'number', minimum: 0, maximum: 1 }, {}, {}, {}, { name: 'aspectTemperature', required: false }] });
  });

  it('shows a field added to a schema at once, under its own name, without work on the page', () => {
    const form = describeForm(procedureFileSchema.extend({ hotlineNote: z.string().optional(), steps: z.number().int() }));
    if (form.type !== 'object') throw new Error('a procedure is an object');
    expect(form.fields.at(-2)).toMatchObject({ name: 'hotlineNote', label: 'hotlineNote', type: 'text', required: false });
    expect(form.fields.at(-1)).toMatchObject({ name: 'steps', type: 'number', integer: true, required: true });
  });

  it('names a field in Vietnamese from its path, numbering list items and naming map entries by key', () => {
    const form = describeForm(procedureFileSchema, ASPECTS);
    expect(fieldLabelAt(form, 'aspects.le_phi.text')).toBe('Các khía cạnh › Lệ phí › Nội dung');
    expect(fieldLabelAt(form, 'aspects.le_phi.sources.1')).toBe('Các khía cạnh › Lệ phí › Mã nguồn 2');
    expect(fieldLabelAt(form, 'aspects.le_phi.check.mustSay.0')).toBe('Các khía cạnh › Lệ phí › Câu hỏi kiểm tra › Cụm 1');
    expect(fieldLabelAt(form, 'cases.0.aspects.thoi_gian.note')).toBe('Trường hợp 1 › Các khía cạnh › Thời hạn › Điều cần hỏi');
    expect(fieldLabelAt(form, 'nothing.here')).toBe('nothing › here');
    expect(fieldLabelAt(describeForm(DOCUMENT_KINDS.find((k) => k.kind === 'sources')!.schema), 'sources.dvc_x.url')).toBe('Nguồn › dvc_x › Địa chỉ web');
  });
});
