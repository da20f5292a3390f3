import type { TurnOutcome } from '../../engine/conversation-events.js';
import type { ScoredIntent } from '../../nlu/decision.js';

/** One handled turn as staff review and count it: the citizen's text only masked. */
export interface TurnRecord {
  readonly at: Date;
  readonly channel: string;
  readonly conversationKey: string;
  /** What the citizen wrote, masked with maskPersonalData; none for a tapped button. */
  readonly text?: string;
  /** The masked text folded for grouping (see foldQuestion); none without text. */
  readonly folded?: string;
  readonly outcome: TurnOutcome;
  readonly intent?: string;
  readonly aspect?: string;
  /** The NLU's best intents with their scores, best first (a few only). */
  readonly topIntents: readonly ScoredIntent[];
  readonly latencyMs: number;
}

export interface StoredTurn extends TurnRecord {
  readonly id: number;
  /** The citizen's rating of this answer: true helpful, false not; none when not rated. */
  readonly helpful?: boolean;
}

/** Where a group of similar questions stands in the review: new until staff act on it. */
export type ReviewStatus = 'new' | 'done' | 'ignored';

/** A time range, `from` inclusive and `to` exclusive; an absent bound is open. */
export interface TimeRange {
  readonly from?: Date;
  readonly to?: Date;
}

/** Below this top score a question counts as understood with low confidence. */
export const LOW_CONFIDENCE = 0.5;

export interface DayChannelCount {
  /** The day in Vietnam's time (UTC+7), YYYY-MM-DD. */
  readonly day: string;
  readonly channel: string;
  readonly count: number;
}

export interface QuestionCount {
  readonly folded: string;
  /** One of the group's masked texts. */
  readonly text: string;
  readonly count: number;
}

/** The raw figures of the dashboard over a time range. */
export interface TurnFigures {
  /** Turns that were messages (every outcome but "rated"). */
  readonly messages: number;
  readonly perDay: readonly DayChannelCount[];
  readonly outcomes: Readonly<Partial<Record<TurnOutcome, number>>>;
  /** Answered intents, most frequent first (ties by intent id). */
  readonly topIntents: readonly { readonly intent: string; readonly count: number }[];
  /** Questions that ended in a fallback, grouped by folded text, most frequent first. */
  readonly topUnanswered: readonly QuestionCount[];
  readonly ratings: { readonly helpful: number; readonly notHelpful: number };
  /** Median latency of messages in ms; none without messages. */
  readonly medianLatencyMs?: number;
}

/**
 * The log of handled turns for the staff workspace (review of what citizens asked, dashboard),
 * next to the conversations (same database), plus the review status of groups of questions.
 */
export interface TurnLog {
  record(turn: TurnRecord): Promise<void>;
  /** Rates the conversation's latest answered turn at or before `at`; false when there is none. */
  rateLatestAnswer(conversationKey: string, at: Date, helpful: boolean): Promise<boolean>;
  /**
   * Turns with text that may need review: fallback, clarified, top score below LOW_CONFIDENCE,
   * or rated not helpful; oldest first.
   */
  reviewCandidates(range: TimeRange, channel?: string): Promise<StoredTurn[]>;
  /** The review status of the given folded texts; a text never acted on is absent. */
  statuses(folded: readonly string[]): Promise<Map<string, ReviewStatus>>;
  setStatus(folded: string, status: ReviewStatus, by: { user: string; at: Date }): Promise<void>;
  figures(range: TimeRange, limit: number): Promise<TurnFigures>;
  /**
   * Retention: blanks texts (and folded texts) of turns older than `before`, and forgets review
   * statuses set before then of questions no kept turn asks; returns how many turns were blanked.
   */
  purgeTexts(before: Date): Promise<number>;
  /** Every turn of the conversations, oldest first (a citizen's export). */
  turnsOf(conversationKeys: readonly string[]): Promise<StoredTurn[]>;
  /** Removes every turn of the conversations in one transaction; returns how many. */
  forgetTurnsOf(conversationKeys: readonly string[]): Promise<number>;
  close(): Promise<void>;
}
