import { PROCEDURE_ASPECTS } from '../../content/procedure-schema.js';

/** Where the source of an edited fact comes from: one already in data/sources/, or a new one. */
export type FactSource = { readonly source: string } | { readonly newSource: { readonly id: string; readonly title: string; readonly url?: string } };

type Facts = Record<string, unknown> | undefined;

/**
 * A fact as what it states: its check, sources and example questions do not change what citizens
 * are told. Keys are compared in sorted order: the form returns them in the schema's order, the
 * file may hold them in another.
 */
const stated = (fact: unknown): string => {
  if (!fact || typeof fact !== 'object') return JSON.stringify(fact ?? null);
  const { check: _check, sources: _sources, examples: _examples, ...rest } = fact as Record<string, unknown>;
  return JSON.stringify(Object.fromEntries(Object.entries(rest).sort(([x], [y]) => x.localeCompare(y))));
};

const aspectsOf = (value: unknown): Facts => (value as { aspects?: Facts } | undefined)?.aspects;
const casesOf = (value: unknown): { id?: unknown; aspects?: Facts }[] => (value as { cases?: { aspects?: Facts }[] } | undefined)?.cases ?? [];

/**
 * The facts of a procedure whose statement changed between two values: paths such as
 * "aspects.le_phi" or "cases.1.aspects.thoi_gian" (a case matched by its id).
 */
export function changedFacts(before: unknown, after: unknown): string[] {
  const changed: string[] = [];
  const compare = (old: Facts, now: Facts, base: string) => {
    for (const key of PROCEDURE_ASPECTS) {
      if (now?.[key] !== undefined && stated(old?.[key]) !== stated(now[key])) changed.push(`${base}aspects.${key}`);
    }
  };
  compare(aspectsOf(before), aspectsOf(after), '');
  const oldCases = casesOf(before);
  casesOf(after).forEach((c, i) => compare(oldCases.find((o) => o.id === c.id)?.aspects, c.aspects, `cases.${i}.`));
  return changed;
}

/**
 * The procedure as saved after an edit of its facts: each changed fact cites `sourceId` (first),
 * (empty source boxes left out), and `verified` is today — the facts were just checked against that source.
 */
export function stampEditedFacts(value: unknown, changed: readonly string[], sourceId: string, today: string): Record<string, unknown> {
  const copy = structuredClone(value) as Record<string, unknown>;
  for (const path of changed) {
    const fact = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], copy) as
      | { sources?: string[] }
      | undefined;
    if (fact && Array.isArray(fact.sources)) fact.sources = [sourceId, ...fact.sources.filter((s) => s && s !== sourceId)];
  }
  copy.verified = today;
  return copy;
}
