import Database from 'better-sqlite3';
import type { TurnOutcome } from '../../engine/conversation-events.js';
import type { ScoredIntent } from '../../nlu/decision.js';
import { migrateTurnLog } from './sqlite-turn-log-migrations.js';
import { LOW_CONFIDENCE, type QuestionCount, type ReviewStatus, type StoredTurn, type TimeRange, type TurnFigures, type TurnLog, type TurnRecord } from './turn-log.js';
import { VIETNAM_OFFSET_MS } from './vietnam-day.js';
import { SerializedAccess } from '../../store/sqlite/serialized-access.js';
import { openSharedSqlite } from '../../store/sqlite/open-shared-file.js';


interface TurnRow {
  id: number;
  at: number;
  channel: string;
  conversation_key: string;
  text: string | null;
  folded: string | null;
  outcome: TurnOutcome;
  intent: string | null;
  aspect: string | null;
  top_intents: string;
  top_score: number | null;
  latency_ms: number;
  helpful: number | null;
}

interface RangeParams {
  from: number;
  to: number;
}

/** The messages of a range: every turn but ratings. */
const MESSAGES = `FROM turn_log WHERE at >= @from AND at < @to AND outcome <> 'rated'`;

/**
 * Turn log in the embedded SQLite file (WAL), usually the conversation store's own `bot.sqlite`.
 * Every operation is one short synchronous statement or transaction, run in call order, waiting
 * for other connections' write locks without blocking the event loop (see retryWhileBusy).
 */
export class SqliteTurnLog implements TurnLog {
  /** Tail of the chain of operations: a write waiting for the lock keeps later ones (and close) behind it. */
  private readonly access = new SerializedAccess();

  private readonly insertTurn;
  private readonly rateLatest;
  private readonly selectCandidates;
  private readonly selectStatus;
  private readonly upsertStatus;
  private readonly countMessages;
  private readonly selectPerDay;
  private readonly selectOutcomes;
  private readonly selectTopIntents;
  private readonly selectUnanswered;
  private readonly selectRatings;
  private readonly selectLatencyAt;
  private readonly blankTexts;

  private constructor(private readonly db: Database.Database) {
    this.insertTurn = db.prepare(`
      INSERT INTO turn_log (at, channel, conversation_key, text, folded, outcome, intent, aspect, top_intents, top_score, latency_ms)
      VALUES (@at, @channel, @conversationKey, @text, @folded, @outcome, @intent, @aspect, @topIntents, @topScore, @latencyMs)`);
    this.rateLatest = db.prepare<[number, string, number]>(`
      UPDATE turn_log SET helpful = ? WHERE id = (
        SELECT id FROM turn_log WHERE conversation_key = ? AND outcome = 'answered' AND at <= ? ORDER BY at DESC, id DESC LIMIT 1)`);
    this.selectCandidates = db.prepare<[RangeParams & { channel: string | null; low: number }], TurnRow>(`
      SELECT * FROM turn_log
      WHERE at >= @from AND at < @to AND (@channel IS NULL OR channel = @channel) AND text IS NOT NULL
        AND (outcome IN ('fallback', 'clarified') OR top_score < @low OR helpful = 0)
      ORDER BY at, id`);
    this.selectStatus = db.prepare<[string], { folded: string; status: ReviewStatus }>(
      'SELECT folded, status FROM review_status WHERE folded IN (SELECT value FROM json_each(?))',
    );
    this.upsertStatus = db.prepare<[string, ReviewStatus, number, string]>(`
      INSERT INTO review_status (folded, status, updated_at, updated_by) VALUES (?, ?, ?, ?)
      ON CONFLICT (folded) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at, updated_by = excluded.updated_by`);
    this.countMessages = db.prepare<[RangeParams], number>(`SELECT count(*) ${MESSAGES}`).pluck();
    this.selectPerDay = db.prepare<[RangeParams & { offset: number }], { day: string; channel: string; count: number }>(`
      SELECT date((at + @offset) / 1000, 'unixepoch') AS day, channel, count(*) AS count ${MESSAGES}
      GROUP BY day, channel ORDER BY day, channel`);
    this.selectOutcomes = db.prepare<[RangeParams], { outcome: TurnOutcome; count: number }>(
      `SELECT outcome, count(*) AS count ${MESSAGES} GROUP BY outcome`,
    );
    this.selectTopIntents = db.prepare<[RangeParams & { limit: number }], { intent: string; count: number }>(`
      SELECT intent, count(*) AS count ${MESSAGES} AND outcome = 'answered' AND intent IS NOT NULL
      GROUP BY intent ORDER BY count DESC, intent LIMIT @limit`);
    this.selectUnanswered = db.prepare<[RangeParams & { limit: number }], QuestionCount>(`
      SELECT folded, min(text) AS text, count(*) AS count ${MESSAGES} AND outcome = 'fallback' AND folded IS NOT NULL AND text IS NOT NULL
      GROUP BY folded ORDER BY count DESC, folded LIMIT @limit`);
    this.selectRatings = db.prepare<[RangeParams], { helpful: number; notHelpful: number }>(
      `SELECT coalesce(sum(helpful = 1), 0) AS helpful, coalesce(sum(helpful = 0), 0) AS notHelpful ${MESSAGES}`,
    );
    this.selectLatencyAt = db.prepare<[RangeParams & { offset: number }], number>(
      `SELECT latency_ms ${MESSAGES} ORDER BY latency_ms LIMIT 1 OFFSET @offset`,
    ).pluck();
    this.blankTexts = db.prepare<[number]>('UPDATE turn_log SET text = NULL, folded = NULL WHERE at < ? AND text IS NOT NULL');
  }

  /** Opens (creating if needed) the database file and brings the turn log's tables up to date. */
  static async open(path: string): Promise<SqliteTurnLog> {
    return new SqliteTurnLog(await openSharedSqlite(path, migrateTurnLog));
  }

  async record(turn: TurnRecord): Promise<void> {
    await this.serialized(() =>
      this.insertTurn.run({
        at: turn.at.getTime(),
        channel: turn.channel,
        conversationKey: turn.conversationKey,
        text: turn.text ?? null,
        folded: turn.folded ?? null,
        outcome: turn.outcome,
        intent: turn.intent ?? null,
        aspect: turn.aspect ?? null,
        topIntents: JSON.stringify(turn.topIntents),
        topScore: turn.topIntents[0]?.score ?? null,
        latencyMs: turn.latencyMs,
      }),
    );
  }

  rateLatestAnswer(conversationKey: string, at: Date, helpful: boolean): Promise<boolean> {
    return this.serialized(() => this.rateLatest.run(helpful ? 1 : 0, conversationKey, at.getTime()).changes > 0);
  }

  reviewCandidates(range: TimeRange, channel?: string): Promise<StoredTurn[]> {
    return this.serialized(() =>
      this.selectCandidates.all({ ...bounds(range), channel: channel ?? null, low: LOW_CONFIDENCE }).map((row) => toTurn(row)),
    );
  }

  statuses(folded: readonly string[]): Promise<Map<string, ReviewStatus>> {
    return this.serialized(() => new Map(this.selectStatus.all(JSON.stringify(folded)).map((row) => [row.folded, row.status])));
  }

  async setStatus(folded: string, status: ReviewStatus, by: { user: string; at: Date }): Promise<void> {
    await this.serialized(() => this.upsertStatus.run(folded, status, by.at.getTime(), by.user));
  }

  figures(range: TimeRange, limit: number): Promise<TurnFigures> {
    const params = bounds(range);
    // One read transaction: every figure sees the same rows.
    return this.serialized(() =>
      this.db.transaction((): TurnFigures => {
        const messages = this.countMessages.get(params) as number;
        const median = messages > 0 ? this.selectLatencyAt.get({ ...params, offset: Math.floor((messages - 1) / 2) }) : undefined;
        return {
          messages,
          perDay: this.selectPerDay.all({ ...params, offset: VIETNAM_OFFSET_MS }),
          outcomes: Object.fromEntries(this.selectOutcomes.all(params).map((row) => [row.outcome, row.count])),
          topIntents: this.selectTopIntents.all({ ...params, limit }),
          topUnanswered: this.selectUnanswered.all({ ...params, limit }),
          // An aggregate without GROUP BY always returns its one row.
          ratings: this.selectRatings.get(params) as { helpful: number; notHelpful: number },
          ...(median === undefined ? {} : { medianLatencyMs: median }),
        };
      }).deferred(),
    );
  }

  purgeTexts(before: Date): Promise<number> {
    return this.serialized(() => this.blankTexts.run(before.getTime()).changes);
  }

  close(): Promise<void> {
    return this.exclusive(async () => {
      this.db.close();
    });
  }

  /** Runs `work` after the operations called before it, retrying it while the file is locked. */
  private serialized<T>(work: () => T): Promise<T> {
    return this.access.serialized(work);
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    return this.access.exclusive(task);
  }
}

/** Open bounds as the widest epoch-millisecond range. */
function bounds(range: TimeRange): RangeParams {
  return { from: range.from?.getTime() ?? Number.MIN_SAFE_INTEGER, to: range.to?.getTime() ?? Number.MAX_SAFE_INTEGER };
}

function toTurn(row: TurnRow): StoredTurn {
  return {
    id: row.id,
    at: new Date(row.at),
    channel: row.channel,
    conversationKey: row.conversation_key,
    ...(row.text === null ? {} : { text: row.text }),
    ...(row.folded === null ? {} : { folded: row.folded }),
    outcome: row.outcome,
    ...(row.intent === null ? {} : { intent: row.intent }),
    ...(row.aspect === null ? {} : { aspect: row.aspect }),
    topIntents: JSON.parse(row.top_intents) as ScoredIntent[],
    latencyMs: row.latency_ms,
    ...(row.helpful === null ? {} : { helpful: row.helpful === 1 }),
  };
}
