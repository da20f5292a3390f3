import type { NluConfig } from '../content/nlu-data-schema.js';

export interface ScoredIntent {
  readonly intent: string;
  readonly score: number;
}

/** What the engine should do with a message, decided from the ranked intents alone. */
export type Decision =
  | { readonly kind: 'answer'; readonly intent: string }
  | { readonly kind: 'clarify'; readonly options: readonly string[] }
  | { readonly kind: 'fallback'; readonly suggestions: readonly string[] };

export const OUT_OF_SCOPE = 'ngoai_pham_vi';
const MAX_OPTIONS = 3;

/**
 * Answer when the top intent is both probable enough (threshold) and clearly ahead of the
 * runner-up (margin); offer "did you mean" when it is merely plausible; otherwise fall back.
 */
export function decide(ranked: readonly ScoredIntent[], config: NluConfig): Decision {
  const top = ranked[0];
  const second = ranked[1];
  if (!top) return { kind: 'fallback', suggestions: [] };
  const inScope = ranked.filter((r) => r.intent !== OUT_OF_SCOPE);
  const plausible = inScope.filter((r) => r.score >= config.suggestFloor).slice(0, MAX_OPTIONS).map((r) => r.intent);

  if (top.intent !== OUT_OF_SCOPE && top.score >= config.threshold && top.score - (second?.score ?? 0) >= config.margin) {
    return { kind: 'answer', intent: top.intent };
  }
  if (top.intent !== OUT_OF_SCOPE && plausible.length > 0) return { kind: 'clarify', options: plausible };
  return { kind: 'fallback', suggestions: plausible };
}

/** How an evaluation reads a decision: anything but a confident answer counts as out of scope. */
export function decidedLabel(decision: Decision): string {
  return decision.kind === 'answer' ? decision.intent : OUT_OF_SCOPE;
}
