import { parseDocument } from 'yaml';
import type { ContentFiles } from '../../content/content-files.js';
import { filesIn } from '../../content/content-files.js';
import { exampleKey } from '../../content/example-key.js';
import { PROCEDURE_ASPECTS } from '../../content/procedure-schema.js';
import { appendExamples } from './training-example.js';

export type UnitExampleAdded =
  | { readonly kind: 'added'; readonly files: ContentFiles }
  | { readonly kind: 'unknown_unit' }
  | { readonly kind: 'exists'; readonly owner: string };

/** Where one answer unit's examples live: the file and the YAML path of its `examples` list, and what it holds now. */
export interface UnitExamplesPlace {
  readonly file: string;
  readonly path: readonly (string | number)[];
  readonly examples: readonly string[];
}

/**
 * Every answer unit of a version, by id (`thu_tuc.chung_thuc/le_phi`, `thu_tuc.chung_thuc/ban_sao_so_goc/le_phi`,
 * `thu_tuc.chung_thuc/ban_sao_so_goc/tong_quan`, `thu_tuc.chung_thuc/tong_quan`, `cong_dan.khieu_nai_to_cao/chi_tiet_6`;
 * the ids of src/content/answer-units.ts), with where its examples live. Read leniently: a draft may be invalid.
 */
export function unitExamplePlaces(files: ContentFiles): Map<string, UnitExamplesPlace> {
  const places = new Map<string, UnitExamplesPlace>();
  const read = (path: string): Record<string, unknown> => {
    const value: unknown = files[path] === undefined ? undefined : parseDocument(files[path]!).toJS();
    return (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  };
  const list = (value: unknown): string[] => (Array.isArray(value) ? value.filter((e): e is string => typeof e === 'string') : []);
  const field = (value: unknown, key: string): unknown => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined);
  for (const [path] of filesIn(files, 'intents')) {
    if (!path.endsWith('.yaml')) continue;
    const intent = read(path);
    const id = String(intent.id ?? '');
    const answer = field(intent, 'answer');
    const topic = field(answer, 'topic');
    const procedure = field(answer, 'procedure');
    if (typeof topic === 'string') {
      const file = `data/topics/${topic}.yaml`;
      const details = read(file).details;
      (Array.isArray(details) ? details : []).forEach((d, i) =>
        places.set(`${id}/chi_tiet_${i + 1}`, { file, path: ['details', i, 'examples'], examples: list(field(d, 'examples')) }),
      );
    } else if (typeof procedure === 'string') {
      const file = `data/procedures/${procedure}.yaml`;
      const p = read(file);
      places.set(`${id}/tong_quan`, { file, path: ['summary', 'examples'], examples: list(field(p.summary, 'examples')) });
      for (const a of PROCEDURE_ASPECTS) {
        const fact = field(p.aspects, a);
        if (fact !== undefined) places.set(`${id}/${a}`, { file, path: ['aspects', a, 'examples'], examples: list(field(fact, 'examples')) });
      }
      (Array.isArray(p.cases) ? p.cases : []).forEach((c, i) => {
        const caseId = String(field(c, 'id') ?? '');
        places.set(`${id}/${caseId}/tong_quan`, { file, path: ['cases', i, 'examples'], examples: list(field(c, 'examples')) });
        for (const a of PROCEDURE_ASPECTS) {
          const fact = field(field(c, 'aspects'), a);
          if (fact !== undefined) places.set(`${id}/${caseId}/${a}`, { file, path: ['cases', i, 'aspects', a, 'examples'], examples: list(field(fact, 'examples')) });
        }
      });
    }
  }
  return places;
}

/**
 * The files with `text` appended to the examples of the answer unit `unitId`, in the procedure or
 * topic file it lives in, next to its text. An example the unit already has is refused.
 */
export function withUnitExample(files: ContentFiles, unitId: string, text: string): UnitExampleAdded {
  const place = unitExamplePlaces(files).get(unitId);
  if (!place) return { kind: 'unknown_unit' };
  if (place.examples.some((e) => exampleKey(e) === exampleKey(text))) return { kind: 'exists', owner: unitId };
  return { kind: 'added', files: withUnitExamplesAppended(files, place, [text]) };
}

/** The files with `texts` appended after the unit's last example (the caller has checked them). */
export function withUnitExamplesAppended(files: ContentFiles, place: UnitExamplesPlace, texts: readonly string[]): ContentFiles {
  return { ...files, [place.file]: appendExamples(files[place.file]!, texts, place.path) };
}
