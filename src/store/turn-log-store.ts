import { sql, type Expression, type Kysely, type RawBuilder, type Selectable } from 'kysely';
import {
  LOW_CONFIDENCE,
  type ReviewStatus,
  type StoredTurn,
  type TimeRange,
  type TurnFigures,
  type TurnLog,
  type TurnRecord,
} from '../admin/review/turn-log.js';
import { VIETNAM_OFFSET_MS } from '../admin/review/vietnam-day.js';
import type { ScoredIntent } from '../nlu/decision.js';
import { Database, type DatabaseLocation, type Dialect } from './database.js';
import { fromJson, toDate, type Schema, type TurnLogTable } from './schema.js';
import { TURN_LOG_MIGRATIONS } from './turn-log-migrations.js';

/** The log of handled turns and the review status of questions, next to the conversations, on SQLite or PostgreSQL. */
export class SqlTurnLog implements TurnLog {
  constructor(private readonly db: Database) {}

  static async open(location: DatabaseLocation): Promise<SqlTurnLog> {
    return new SqlTurnLog(await Database.open(location, [TURN_LOG_MIGRATIONS]));
  }

  /** A private turn log in memory, usable at once (tests, one-off CLI runs). */
  static inMemory(): SqlTurnLog {
    return new SqlTurnLog(Database.inMemory([TURN_LOG_MIGRATIONS]));
  }

  async record(turn: TurnRecord): Promise<void> {
    await this.db.run((db) =>
      db
        .insertInto('turn_log')
        .values({
          at: turn.at,
          channel: turn.channel,
          conversation_key: turn.conversationKey,
          text: turn.text ?? null,
          folded: turn.folded ?? null,
          outcome: turn.outcome,
          intent: turn.intent ?? null,
          aspect: turn.aspect ?? null,
          top_intents: JSON.stringify(turn.topIntents),
          top_score: turn.topIntents[0]?.score ?? null,
          latency_ms: turn.latencyMs,
        })
        .execute(),
    );
  }

  async rateLatestAnswer(conversationKey: string, at: Date, helpful: boolean): Promise<boolean> {
    const { numUpdatedRows } = await this.db.run((db) =>
      db
        .updateTable('turn_log')
        .set({ helpful })
        .where('id', '=', (eb) =>
          eb
            .selectFrom('turn_log')
            .select('id')
            .where('conversation_key', '=', conversationKey)
            .where('outcome', '=', 'answered')
            .where('at', '<=', at)
            .orderBy('at', 'desc')
            .orderBy('id', 'desc')
            .limit(1),
        )
        .executeTakeFirst(),
    );
    return numUpdatedRows > 0n;
  }

  async reviewCandidates(range: TimeRange, channel?: string): Promise<StoredTurn[]> {
    const rows = await this.db.run((db) =>
      inRange(db, range)
        .selectAll()
        .$if(channel !== undefined, (q) => q.where('channel', '=', channel as string))
        .where('text', 'is not', null)
        .where((eb) => eb.or([eb('outcome', 'in', ['fallback', 'clarified']), eb('top_score', '<', LOW_CONFIDENCE), eb('helpful', '=', false)]))
        .orderBy('at')
        .orderBy('id')
        .execute(),
    );
    return rows.map(toTurn);
  }

  async statuses(folded: readonly string[]): Promise<Map<string, ReviewStatus>> {
    if (folded.length === 0) return new Map();
    const rows = await this.db.run((db) => db.selectFrom('review_status').select(['folded', 'status']).where('folded', 'in', folded).execute());
    return new Map(rows.map((row) => [row.folded, row.status]));
  }

  async setStatus(folded: string, status: ReviewStatus, by: { user: string; at: Date }): Promise<void> {
    await this.db.run((db) =>
      db
        .insertInto('review_status')
        .values({ folded, status, updated_at: by.at, updated_by: by.user })
        .onConflict((oc) =>
          oc.column('folded').doUpdateSet((eb) => ({
            status: eb.ref('excluded.status'),
            updated_at: eb.ref('excluded.updated_at'),
            updated_by: eb.ref('excluded.updated_by'),
          })),
        )
        .execute(),
    );
  }

  figures(range: TimeRange, limit: number): Promise<TurnFigures> {
    const { dialect } = this.db;
    // One snapshot: every figure sees the same rows.
    return this.db.snapshot(async (trx) => {
      const messages = () => inRange(trx, range).where('outcome', '<>', 'rated');
      const summary = await messages()
        .select((eb) => [
          eb.fn.countAll().as('messages'),
          eb.fn.count(sql`CASE WHEN helpful THEN 1 END`).as('helpful'),
          eb.fn.count(sql`CASE WHEN NOT helpful THEN 1 END`).as('not_helpful'),
        ])
        .executeTakeFirstOrThrow();
      const count = Number(summary.messages);
      // The lower median, as PostgreSQL's percentile_disc(0.5) picks it.
      const median =
        count > 0 ? await messages().select('latency_ms').orderBy('latency_ms').limit(1).offset(Math.floor((count - 1) / 2)).executeTakeFirst() : undefined;
      const day = vietnamDay(dialect);
      const perDay = await messages()
        .select((eb) => [day.as('day'), 'channel', eb.fn.countAll().as('count')])
        .groupBy([day, 'channel'])
        .orderBy(day)
        .orderBy(binary(dialect, sql.ref('channel')))
        .execute();
      const outcomes = await messages()
        .select((eb) => ['outcome', eb.fn.countAll().as('count')])
        .groupBy('outcome')
        .execute();
      const topIntents = await messages()
        .where('outcome', '=', 'answered')
        .where('intent', 'is not', null)
        .select((eb) => ['intent', eb.fn.countAll().as('count')])
        .groupBy('intent')
        .orderBy('count', 'desc')
        .orderBy(binary(dialect, sql.ref('intent')))
        .limit(limit)
        .execute();
      const unanswered = await messages()
        .where('outcome', '=', 'fallback')
        .where('folded', 'is not', null)
        .where('text', 'is not', null)
        .select((eb) => ['folded', eb.fn.min(binary(dialect, sql.ref('text'))).as('text'), eb.fn.countAll().as('count')])
        .groupBy('folded')
        .orderBy('count', 'desc')
        .orderBy(binary(dialect, sql.ref('folded')))
        .limit(limit)
        .execute();
      return {
        messages: count,
        perDay: perDay.map((row) => ({ day: row.day, channel: row.channel, count: Number(row.count) })),
        outcomes: Object.fromEntries(outcomes.map((row) => [row.outcome, Number(row.count)])),
        topIntents: topIntents.map((row) => ({ intent: row.intent as string, count: Number(row.count) })),
        topUnanswered: unanswered.map((row) => ({ folded: row.folded as string, text: row.text, count: Number(row.count) })),
        ratings: { helpful: Number(summary.helpful), notHelpful: Number(summary.not_helpful) },
        ...(median === undefined ? {} : { medianLatencyMs: median.latency_ms }),
      };
    });
  }

  purgeTexts(before: Date): Promise<number> {
    return this.db.write(async (trx) => {
      const { numUpdatedRows } = await trx
        .updateTable('turn_log')
        .set({ text: null, folded: null })
        .where('at', '<', before)
        .where((eb) => eb.or([eb('text', 'is not', null), eb('folded', 'is not', null)]))
        .executeTakeFirst();
      // A review status is keyed by the folded question: it goes once no kept turn asks it any more.
      await trx
        .deleteFrom('review_status')
        .where('updated_at', '<', before)
        .where(({ not, exists, selectFrom }) => not(exists(selectFrom('turn_log').select('id').whereRef('turn_log.folded', '=', 'review_status.folded'))))
        .execute();
      return Number(numUpdatedRows);
    });
  }

  async turnsOf(conversationKeys: readonly string[]): Promise<StoredTurn[]> {
    if (conversationKeys.length === 0) return [];
    const rows = await this.db.run((db) => db.selectFrom('turn_log').selectAll().where('conversation_key', 'in', conversationKeys).orderBy('at').orderBy('id').execute());
    return rows.map(toTurn);
  }

  async forgetTurnsOf(conversationKeys: readonly string[]): Promise<number> {
    if (conversationKeys.length === 0) return 0;
    const { numDeletedRows } = await this.db.write((trx) => trx.deleteFrom('turn_log').where('conversation_key', 'in', conversationKeys).executeTakeFirst());
    return Number(numDeletedRows);
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

/** The turns of a range, `from` inclusive and `to` exclusive, an absent bound open. */
function inRange(db: Kysely<Schema>, range: TimeRange) {
  return db
    .selectFrom('turn_log')
    .$if(range.from !== undefined, (q) => q.where('at', '>=', range.from as Date))
    .$if(range.to !== undefined, (q) => q.where('at', '<', range.to as Date));
}

/** The day of `at` in Vietnam's time (UTC+7), YYYY-MM-DD. */
function vietnamDay(dialect: Dialect): RawBuilder<string> {
  return dialect === 'postgres'
    ? sql<string>`to_char((at AT TIME ZONE 'UTC') + interval '7 hours', 'YYYY-MM-DD')`
    : sql<string>`date((at + ${VIETNAM_OFFSET_MS}) / 1000, 'unixepoch')`;
}

/** `value` ordered byte by byte (ids, codes), whatever the database's collation; SQLite's default already is. */
function binary(dialect: Dialect, value: Expression<unknown>): RawBuilder<string> {
  return dialect === 'postgres' ? sql<string>`${value} COLLATE "C"` : sql<string>`${value}`;
}

function toTurn(row: Selectable<TurnLogTable>): StoredTurn {
  return {
    id: Number(row.id),
    at: toDate(row.at),
    channel: row.channel,
    conversationKey: row.conversation_key,
    ...(row.text === null ? {} : { text: row.text }),
    ...(row.folded === null ? {} : { folded: row.folded }),
    outcome: row.outcome,
    ...(row.intent === null ? {} : { intent: row.intent }),
    ...(row.aspect === null ? {} : { aspect: row.aspect }),
    topIntents: fromJson<ScoredIntent[]>(row.top_intents),
    latencyMs: row.latency_ms,
    ...(row.helpful === null ? {} : { helpful: Boolean(row.helpful) }),
  };
}
