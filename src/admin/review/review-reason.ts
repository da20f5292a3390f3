import { LOW_CONFIDENCE, type StoredTurn } from './turn-log.js';

/** Why a question is shown for review. */
export const REVIEW_REASONS = ['fallback', 'clarified', 'low_confidence', 'not_helpful'] as const;
export type ReviewReason = (typeof REVIEW_REASONS)[number];

/** The reasons a turn needs review; none for a turn without text or one that went well. */
export function reviewReasons(turn: StoredTurn): ReviewReason[] {
  if (turn.text === undefined) return [];
  const top = turn.topIntents[0]?.score;
  const reasons: ReviewReason[] = [];
  if (turn.outcome === 'fallback') reasons.push('fallback');
  if (turn.outcome === 'clarified') reasons.push('clarified');
  if (top !== undefined && top < LOW_CONFIDENCE) reasons.push('low_confidence');
  if (turn.helpful === false) reasons.push('not_helpful');
  return reasons;
}
