import pg from 'pg';
import type { TurnOutcome } from '../../engine/conversation-events.js';
import type { ScoredIntent } from '../../nlu/decision.js';
import { inTransaction } from '../../store/postgres/transaction.js';
import { migrateTurnLog } from './postgres-turn-log-migrations.js';
import { LOW_CONFIDENCE, type QuestionCount, type ReviewStatus, type StoredTurn, type TimeRange, type TurnFigures, type TurnLog, type TurnRecord } from './turn-log.js';

interface TurnRow {
  id: string;
  at: Date;
  channel: string;
  conversation_key: string;
  text: string | null;
  folded: string | null;
  outcome: TurnOutcome;
  intent: string | null;
  aspect: string | null;
  top_intents: ScoredIntent[];
  latency_ms: number;
  helpful: boolean | null;
}

/** The messages of a range ($1 from, $2 to; null is open): every turn but ratings. */
const MESSAGES = `FROM turn_log WHERE ($1::timestamptz IS NULL OR at >= $1) AND ($2::timestamptz IS NULL OR at < $2) AND outcome <> 'rated'`;

/** Turn log shared by several bot instances, in the same database (and schema) as the conversation store. */
export class PostgresTurnLog implements TurnLog {
  private constructor(private readonly pool: pg.Pool) {}

  /** Connects and brings the turn log's tables up to date. */
  static async open(url: string): Promise<PostgresTurnLog> {
    const pool = new pg.Pool({ connectionString: url });
    // An idle connection that fails is dropped by the pool and replaced on next use; without a
    // listener the 'error' event would crash the process. Outages surface through queries.
    pool.on('error', () => undefined);
    try {
      await migrateTurnLog(pool);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresTurnLog(pool);
  }

  async record(turn: TurnRecord): Promise<void> {
    await this.pool.query(
      `INSERT INTO turn_log (at, channel, conversation_key, text, folded, outcome, intent, aspect, top_intents, top_score, latency_ms)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11)`,
      [
        turn.at,
        turn.channel,
        turn.conversationKey,
        turn.text ?? null,
        turn.folded ?? null,
        turn.outcome,
        turn.intent ?? null,
        turn.aspect ?? null,
        JSON.stringify(turn.topIntents),
        turn.topIntents[0]?.score ?? null,
        turn.latencyMs,
      ],
    );
  }

  async rateLatestAnswer(conversationKey: string, at: Date, helpful: boolean): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `UPDATE turn_log SET helpful = $1 WHERE id = (
         SELECT id FROM turn_log WHERE conversation_key = $2 AND outcome = 'answered' AND at <= $3 ORDER BY at DESC, id DESC LIMIT 1)`,
      [helpful, conversationKey, at],
    );
    return (rowCount ?? 0) > 0;
  }

  async reviewCandidates(range: TimeRange, channel?: string): Promise<StoredTurn[]> {
    const { rows } = await this.pool.query<TurnRow>(
      `SELECT id, at, channel, conversation_key, text, folded, outcome, intent, aspect, top_intents, latency_ms, helpful FROM turn_log
       WHERE ($1::timestamptz IS NULL OR at >= $1) AND ($2::timestamptz IS NULL OR at < $2) AND ($3::text IS NULL OR channel = $3)
         AND text IS NOT NULL AND (outcome IN ('fallback', 'clarified') OR top_score < $4 OR helpful = false)
       ORDER BY at, id`,
      [range.from ?? null, range.to ?? null, channel ?? null, LOW_CONFIDENCE],
    );
    return rows.map(toTurn);
  }

  async statuses(folded: readonly string[]): Promise<Map<string, ReviewStatus>> {
    const { rows } = await this.pool.query<{ folded: string; status: ReviewStatus }>(
      'SELECT folded, status FROM review_status WHERE folded = ANY($1::text[])',
      [folded],
    );
    return new Map(rows.map((row) => [row.folded, row.status]));
  }

  async setStatus(folded: string, status: ReviewStatus, by: { user: string; at: Date }): Promise<void> {
    await this.pool.query(
      `INSERT INTO review_status (folded, status, updated_at, updated_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (folded) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      [folded, status, by.at, by.user],
    );
  }

  figures(range: TimeRange, limit: number): Promise<TurnFigures> {
    const bounds = [range.from ?? null, range.to ?? null];
    // One repeatable-read transaction: every figure sees the same rows.
    return inTransaction(this.pool, async (client) => {
      await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const summary = await client.query<{ messages: number; helpful: number; not_helpful: number; median: number | null }>(
        `SELECT count(*)::integer AS messages, count(*) FILTER (WHERE helpful)::integer AS helpful,
                count(*) FILTER (WHERE NOT helpful)::integer AS not_helpful,
                percentile_disc(0.5) WITHIN GROUP (ORDER BY latency_ms) AS median ${MESSAGES}`,
        bounds,
      );
      const perDay = await client.query<{ day: string; channel: string; count: number }>(
        `SELECT to_char((at AT TIME ZONE 'UTC') + interval '7 hours', 'YYYY-MM-DD') AS day, channel, count(*)::integer AS count ${MESSAGES}
         GROUP BY day, channel ORDER BY day, channel COLLATE "C"`,
        bounds,
      );
      const outcomes = await client.query<{ outcome: TurnOutcome; count: number }>(
        `SELECT outcome, count(*)::integer AS count ${MESSAGES} GROUP BY outcome`,
        bounds,
      );
      const topIntents = await client.query<{ intent: string; count: number }>(
        `SELECT intent, count(*)::integer AS count ${MESSAGES} AND outcome = 'answered' AND intent IS NOT NULL
         GROUP BY intent ORDER BY count DESC, intent COLLATE "C" LIMIT $3`,
        [...bounds, limit],
      );
      const unanswered = await client.query<QuestionCount>(
        `SELECT folded, min(text COLLATE "C") AS text, count(*)::integer AS count ${MESSAGES}
           AND outcome = 'fallback' AND folded IS NOT NULL AND text IS NOT NULL
         GROUP BY folded ORDER BY count DESC, folded COLLATE "C" LIMIT $3`,
        [...bounds, limit],
      );
      // An aggregate without GROUP BY always returns its one row.
      const { messages, helpful, not_helpful, median } = summary.rows[0]!;
      return {
        messages,
        perDay: perDay.rows,
        outcomes: Object.fromEntries(outcomes.rows.map((row) => [row.outcome, row.count])),
        topIntents: topIntents.rows,
        topUnanswered: unanswered.rows,
        ratings: { helpful, notHelpful: not_helpful },
        ...(median === null ? {} : { medianLatencyMs: median }),
      };
    });
  }

  async purgeTexts(before: Date): Promise<number> {
    const { rowCount } = await this.pool.query('UPDATE turn_log SET text = NULL, folded = NULL WHERE at < $1 AND text IS NOT NULL', [before]);
    return rowCount ?? 0;
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

function toTurn(row: TurnRow): StoredTurn {
  return {
    id: Number(row.id),
    at: row.at,
    channel: row.channel,
    conversationKey: row.conversation_key,
    ...(row.text === null ? {} : { text: row.text }),
    ...(row.folded === null ? {} : { folded: row.folded }),
    outcome: row.outcome,
    ...(row.intent === null ? {} : { intent: row.intent }),
    ...(row.aspect === null ? {} : { aspect: row.aspect }),
    topIntents: row.top_intents,
    latencyMs: row.latency_ms,
    ...(row.helpful === null ? {} : { helpful: row.helpful }),
  };
}
