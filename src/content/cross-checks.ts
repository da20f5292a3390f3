import type { ContentProblem } from './content-error.js';
import type { IntentDefinition } from './intent-schema.js';
import type { LoadedFile } from './load-directory.js';
import { factCheckRuleProblems } from './fact-check-rule.js';
import type { Procedure } from './procedure-schema.js';
import type { Topic } from './topic-schema.js';
import type { Sources } from './sources-schema.js';
import type { YamlFile } from './yaml-file.js';

export interface CrossCheckInput {
  readonly intents: readonly IntentDefinition[];
  /** Ids of every intent file, valid or not. */
  readonly declaredIntentIds: ReadonlySet<string>;
  readonly intentFiles: ReadonlyMap<string, YamlFile>;
  readonly procedures: readonly LoadedFile<Procedure>[];
  readonly topics: readonly LoadedFile<Topic>[];
  readonly sources: readonly LoadedFile<{ sources: Sources }>[];
  /** Known placeholders; unset when data/locality.yaml is itself invalid (then not checked). */
  readonly placeholders?: ReadonlySet<string>;
  readonly today: string;
}

/**
 * Checks that need more than one file: references resolve (answers, sources, related intents),
 * ids match file names, dates are not in the future, placeholders are known.
 */
export function crossCheck(input: CrossCheckInput): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const intentIds = input.declaredIntentIds;
  const sourceIds = new Map<string, string>();

  for (const { file, value } of input.sources) {
    for (const [id, source] of Object.entries(value.sources)) {
      const other = sourceIds.get(id);
      if (other) problems.push(file.problem(['sources', id], `mã nguồn "${id}" đã có trong ${other}`));
      sourceIds.set(id, file.file);
      if (source.checked > input.today) problems.push(file.problem(['sources', id, 'checked'], `ngày ${source.checked} ở tương lai`));
    }
  }
  const cite = (file: YamlFile, path: (string | number)[], ids: readonly string[]) => {
    ids.forEach((id, i) => {
      if (!sourceIds.has(id)) problems.push(file.problem([...path, i], `không có nguồn "${id}" trong data/sources/`));
    });
  };
  const placeholdersIn = (file: YamlFile, path: (string | number)[], text: string) => {
    for (const m of text.matchAll(/\{(\w*)\}/g)) {
      if (input.placeholders && !input.placeholders.has(m[1]!)) problems.push(file.problem(path, `chỗ trống không xác định "{${m[1]}}"`));
    }
  };

  const procedureIds = new Set<string>();
  for (const { name, file, value: p } of input.procedures) {
    procedureIds.add(p.id);
    if (name !== p.id) problems.push(file.problem(['id'], `mã "${p.id}" phải trùng tên tệp (${name}.yaml)`));
    if (!intentIds.has(p.intent)) problems.push(file.problem(['intent'], `không có ý định "${p.intent}" trong intents/`));
    if (p.verified > input.today) problems.push(file.problem(['verified'], `ngày ${p.verified} ở tương lai`));
    cite(file, ['summary', 'sources'], p.summary.sources);
    const checkAspects = (aspects: Record<string, unknown>, base: (string | number)[]) => {
      for (const [key, fact] of Object.entries(aspects)) {
        if (fact && typeof fact === 'object' && 'sources' in fact) cite(file, [...base, key, 'sources'], (fact as { sources: string[] }).sources);
      }
    };
    checkAspects(p.aspects, ['aspects']);
    problems.push(...factCheckRuleProblems(file, p));
    p.cases?.forEach((c, i) => checkAspects(c.aspects, ['cases', i, 'aspects']));
  }

  const topicIntents = new Set<string>();
  for (const { name, file, value: t } of input.topics) {
    topicIntents.add(t.intent);
    if (name !== t.intent) problems.push(file.problem(['intent'], `ý định "${t.intent}" phải trùng tên tệp (${name}.yaml)`));
    if (!intentIds.has(t.intent)) problems.push(file.problem(['intent'], `không có ý định "${t.intent}" trong intents/`));
    if (t.verified && t.verified > input.today) problems.push(file.problem(['verified'], `ngày ${t.verified} ở tương lai`));
    cite(file, ['sources'], t.sources);
    placeholdersIn(file, ['text'], t.text);
    t.details?.forEach((d, i) => placeholdersIn(file, ['details', i, 'text'], d.text));
    t.related?.forEach((r, i) => {
      if (!intentIds.has(r)) problems.push(file.problem(['related', i], `không có ý định "${r}" trong intents/`));
    });
  }

  for (const intent of input.intents) {
    const file = input.intentFiles.get(intent.id);
    if (!file) continue;
    const a = intent.answer;
    if ('procedure' in a && !procedureIds.has(a.procedure)) {
      problems.push(file.problem(['answer', 'procedure'], `không có thủ tục "${a.procedure}" trong data/procedures/`));
    }
    if ('topic' in a && !topicIntents.has(a.topic)) {
      problems.push(file.problem(['answer', 'topic'], `không có chủ đề "${a.topic}" trong data/topics/`));
    }
  }
  return problems;
}
