import type { AnswerView } from '../engine/answer-source.js';
import type { ContentBundle } from './content-bundle.js';
import type { Aspect } from './nlu-data-schema.js';
import { PROCEDURE_ASPECTS } from './procedure-schema.js';

/**
 * One addressable piece of content a citizen can be answered with: a procedure's overview or aspect,
 * a procedure case × aspect, a topic's first message or one of its details, an FAQ text.
 * `part` says where it sits inside its intent's answer: the general answer, a case, or a detail.
 */
export interface AnswerUnit {
  /** `<intent>/<aspect>`, `<intent>/<case>/<aspect>`, `<intent>/chi_tiet_<n>` (1-based) or `<intent>/tong_quan`. */
  readonly id: string;
  readonly intent: string;
  readonly title: string;
  readonly aspect: Aspect;
  readonly part: UnitPart;
  /** The team's (and staff's) questions this unit answers. */
  readonly examples: readonly string[];
}

export type UnitPart = { readonly kind: 'general' } | { readonly kind: 'case'; readonly index: number; readonly id: string } | { readonly kind: 'detail'; readonly index: number };

/** The id of a unit; the inverse of the ids `answerUnits` gives. */
export function unitId(intent: string, aspect: Aspect, part: UnitPart): string {
  if (part.kind === 'detail') return `${intent}/chi_tiet_${part.index + 1}`;
  if (part.kind === 'case') return `${intent}/${part.id}/${aspect}`;
  return `${intent}/${aspect}`;
}

/** The NLU's name for a part of an intent's answer: "g" general, "c<n>" case n, "d<n>" detail n (as in payloads). */
export function partKey(part: UnitPart): string {
  return part.kind === 'general' ? 'g' : `${part.kind === 'case' ? 'c' : 'd'}${part.index}`;
}

/** The view of the intent's answer that shows this unit (none for the general answer). */
export function unitView(unit: Pick<AnswerUnit, 'part'>): AnswerView | undefined {
  if (unit.part.kind === 'detail') return { kind: 'detail', index: unit.part.index };
  if (unit.part.kind === 'case') return { kind: 'case', index: unit.part.index };
  return undefined;
}

/** Every answer unit of the bundle, in content order. */
export function answerUnits(content: Pick<ContentBundle, 'intents' | 'procedures' | 'topics' | 'aspects'>): AnswerUnit[] {
  const procedures = new Map(content.procedures.map((p) => [p.id, p]));
  const topics = new Map(content.topics.map((t) => [t.intent, t]));
  const aspectTitle = new Map(content.aspects.map((a) => [a.aspect, a.title]));
  const units: AnswerUnit[] = [];
  for (const intent of content.intents) {
    const general = { kind: 'general' } as const;
    const unit = (aspect: Aspect, part: UnitPart, title: string, examples: readonly string[] | undefined): void => {
      units.push({ id: unitId(intent.id, aspect, part), intent: intent.id, title, aspect, part, examples: examples ?? [] });
    };
    const answer = intent.answer;
    if ('procedure' in answer) {
      const p = procedures.get(answer.procedure);
      if (!p) continue;
      unit('tong_quan', general, p.title, p.summary.examples);
      for (const a of PROCEDURE_ASPECTS) unit(a, general, `${p.title} — ${aspectTitle.get(a) ?? a}`, p.aspects[a].examples);
      (p.cases ?? []).forEach((c, index) => {
        // The case named with no aspect: answered by the procedure overview, which lists the cases.
        if (c.examples?.length) unit('tong_quan', { kind: 'case', index, id: c.id }, c.title, c.examples);
        for (const a of PROCEDURE_ASPECTS) {
          const fact = c.aspects[a];
          if (fact) unit(a, { kind: 'case', index, id: c.id }, `${c.title} — ${aspectTitle.get(a) ?? a}`, fact.examples);
        }
      });
    } else if ('topic' in answer) {
      const t = topics.get(answer.topic);
      unit('tong_quan', general, intent.title, []);
      (t?.details ?? []).forEach((d, index) => unit('tong_quan', { kind: 'detail', index }, d.title, d.examples));
    } else {
      unit('tong_quan', general, intent.title, []);
    }
  }
  return units;
}
