import type { ScoredIntent } from '../nlu/decision.js';

/**
 * Re-weights a ranking by a conversation prior: the intent under discussion is `factor` times as
 * likely a priori as any other, so a short follow-up ("khai báo ở đâu") stays with it unless the
 * message clearly names something else. Scores are renormalised to sum to one.
 */
export function withContextPrior(ranked: readonly ScoredIntent[], intent: string, factor: number): ScoredIntent[] {
  const weighted = ranked.map((r) => ({ intent: r.intent, score: r.intent === intent ? r.score * factor : r.score }));
  const total = weighted.reduce((s, r) => s + r.score, 0);
  return weighted.map((r) => ({ intent: r.intent, score: r.score / total })).sort((a, b) => b.score - a.score);
}
