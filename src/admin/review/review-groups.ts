import { OUT_OF_SCOPE, type ScoredIntent } from '../../nlu/decision.js';
import { reviewReasons, REVIEW_REASONS, type ReviewReason } from './review-reason.js';
import type { ReviewStatus, StoredTurn } from './turn-log.js';

/** Similar questions (same folded text) that need review, as staff see them: masked texts only. */
export interface ReviewGroup {
  /** The folded text, which identifies the group. */
  readonly key: string;
  /** The latest masked text, as the citizen cased it: what becomes a training example. */
  readonly text: string;
  /** Up to a few distinct masked texts of the group, latest first. */
  readonly variants: readonly string[];
  readonly count: number;
  readonly channels: readonly string[];
  readonly firstAt: Date;
  readonly lastAt: Date;
  readonly reasons: readonly ReviewReason[];
  readonly status: ReviewStatus;
  /** The intents the NLU found closest, with their mean score over the group (out of scope left out). */
  readonly suggestedIntents: readonly ScoredIntent[];
}

const VARIANTS_SHOWN = 5;
const SUGGESTIONS_SHOWN = 3;

/** Groups review candidates (oldest first) by folded text, most frequent first, then most recent. */
export function reviewGroups(turns: readonly StoredTurn[], statuses: ReadonlyMap<string, ReviewStatus>): ReviewGroup[] {
  const byKey = new Map<string, StoredTurn[]>();
  for (const turn of turns) {
    if (turn.folded === undefined || turn.text === undefined || turn.folded === '') continue;
    byKey.set(turn.folded, [...(byKey.get(turn.folded) ?? []), turn]);
  }
  return [...byKey].map(([key, group]) => toGroup(key, group, statuses.get(key) ?? 'new')).sort(
    (a, b) => b.count - a.count || b.lastAt.getTime() - a.lastAt.getTime() || (a.key < b.key ? -1 : 1),
  );
}

function toGroup(key: string, turns: readonly StoredTurn[], status: ReviewStatus): ReviewGroup {
  const latestFirst = [...turns].reverse();
  const reasons = new Set(turns.flatMap(reviewReasons));
  const scores = new Map<string, number>();
  for (const turn of turns) {
    for (const { intent, score } of turn.topIntents) if (intent !== OUT_OF_SCOPE) scores.set(intent, (scores.get(intent) ?? 0) + score);
  }
  return {
    key,
    text: latestFirst[0]?.text ?? '',
    variants: [...new Set(latestFirst.map((t) => t.text ?? ''))].slice(0, VARIANTS_SHOWN),
    count: turns.length,
    channels: [...new Set(turns.map((t) => t.channel))].sort(),
    firstAt: turns[0]?.at ?? new Date(0),
    lastAt: latestFirst[0]?.at ?? new Date(0),
    reasons: REVIEW_REASONS.filter((r) => reasons.has(r)),
    status,
    suggestedIntents: [...scores]
      .map(([intent, score]) => ({ intent, score: Math.round((score / turns.length) * 1000) / 1000 }))
      .sort((a, b) => b.score - a.score || (a.intent < b.intent ? -1 : 1))
      .slice(0, SUGGESTIONS_SHOWN),
  };
}
