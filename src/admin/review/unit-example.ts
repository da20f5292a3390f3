import { parseDocument } from 'yaml';
import type { ContentFiles } from '../../content/content-files.js';
import { exampleKey } from '../../content/example-key.js';
import { PROCEDURE_ASPECTS, type ProcedureAspect } from '../../content/procedure-schema.js';
import { appendExamples } from './training-example.js';

export type UnitExampleAdded =
  | { readonly kind: 'added'; readonly files: ContentFiles }
  | { readonly kind: 'unknown_unit' }
  | { readonly kind: 'exists'; readonly owner: string };

/**
 * The files with `text` appended to the examples of one answer unit, given by its id
 * (`thu_tuc.chung_thuc/le_phi`, `thu_tuc.chung_thuc/ban_sao_so_goc/le_phi`, `thu_tuc.chung_thuc/ban_sao_so_goc/tong_quan`,
 * `thu_tuc.chung_thuc/tong_quan`, `cong_dan.khieu_nai_to_cao/chi_tiet_6`): in the procedure or topic file
 * the unit lives in, next to its text. An example the unit already has is refused.
 */
export function withUnitExample(files: ContentFiles, unitId: string, text: string): UnitExampleAdded {
  const target = unitTarget(files, unitId);
  if (!target) return { kind: 'unknown_unit' };
  const source = files[target.file]!;
  let current: unknown = parseDocument(source).toJS();
  for (const key of target.path) current = (current as Record<string | number, unknown> | undefined)?.[key];
  const list: unknown[] = Array.isArray(current) ? current : [];
  if (list.some((e) => typeof e === 'string' && exampleKey(e) === exampleKey(text))) return { kind: 'exists', owner: unitId };
  return { kind: 'added', files: { ...files, [target.file]: appendExamples(source, [text], target.path) } };
}

/** Where a unit's examples live: the file and the YAML path of its `examples` list; none for an unknown id. */
function unitTarget(files: ContentFiles, unitId: string): { file: string; path: (string | number)[] } | undefined {
  const [intent, ...rest] = unitId.split('/');
  const intentSource = intent ? files[`intents/${intent}.yaml`] : undefined;
  if (!intentSource) return undefined;
  const answer = (parseDocument(intentSource).toJS() as { answer?: { procedure?: string; topic?: string } } | null)?.answer;
  if (answer?.topic) {
    const file = `data/topics/${answer.topic}.yaml`;
    const detail = rest.length === 1 ? /^chi_tiet_(\d+)$/.exec(rest[0]!) : null;
    const details = (parseDocument(files[file] ?? '').toJS() as { details?: unknown[] } | null)?.details ?? [];
    const index = detail ? Number(detail[1]) - 1 : -1;
    return index >= 0 && index < details.length ? { file, path: ['details', index, 'examples'] } : undefined;
  }
  if (!answer?.procedure) return undefined;
  const file = `data/procedures/${answer.procedure}.yaml`;
  const procedure = parseDocument(files[file] ?? '').toJS() as { cases?: { id?: string; aspects?: Record<string, unknown> }[] } | null;
  if (!procedure) return undefined;
  const isAspect = (a: string | undefined): a is ProcedureAspect => PROCEDURE_ASPECTS.includes(a as ProcedureAspect);
  if (rest.length === 1 && rest[0] === 'tong_quan') return { file, path: ['summary', 'examples'] };
  if (rest.length === 1 && isAspect(rest[0])) return { file, path: ['aspects', rest[0], 'examples'] };
  const index = rest.length === 2 ? (procedure.cases ?? []).findIndex((c) => c.id === rest[0]) : -1;
  if (index < 0) return undefined;
  if (rest[1] === 'tong_quan') return { file, path: ['cases', index, 'examples'] };
  return isAspect(rest[1]) && procedure.cases![index]!.aspects?.[rest[1]] !== undefined ? { file, path: ['cases', index, 'aspects', rest[1], 'examples'] } : undefined;
}
