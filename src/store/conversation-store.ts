import { sql, type Kysely, type Selectable } from 'kysely';
import type { ConversationEvent, NewEvent, StoredEvent } from '../engine/conversation-events.js';
import {
  HISTORY_LIMIT,
  conversationKey,
  type ChannelUser,
  type ConversationRecords,
  type ConversationRef,
  type ConversationStore,
  type Handover,
  type Rating,
  type TurnWrite,
} from '../engine/conversation-store.js';
import { CONVERSATION_MIGRATIONS } from './conversation-migrations.js';
import { Database, type DatabaseLocation } from './database.js';
import { KeyedQueue } from './keyed-queue.js';
import { PURGED_TEXT } from './purged-text.js';
import { fromJson, toDate, type HandoversTable, type RatingsTable, type Schema } from './schema.js';

/**
 * Conversations as an append-only event log plus the records derived from it (open handovers,
 * ratings), on SQLite or PostgreSQL. A turn is one write transaction; turns of one conversation
 * are exclusive across processes: PostgreSQL takes a transaction-scoped advisory lock on the
 * conversation, SQLite's write lock excludes every other turn anyway.
 */
export class SqlConversationStore implements ConversationStore {
  /** Turns of one conversation wait here rather than each holding a connection while blocked on the lock. */
  private readonly turns = new KeyedQueue();

  constructor(private readonly db: Database) {}

  static async open(location: DatabaseLocation): Promise<SqlConversationStore> {
    return new SqlConversationStore(await Database.open(location, [CONVERSATION_MIGRATIONS]));
  }

  /** A private store in memory, usable at once (tests, one-off CLI runs). */
  static inMemory(): SqlConversationStore {
    return new SqlConversationStore(Database.inMemory([CONVERSATION_MIGRATIONS]));
  }

  withTurn<T>(ref: ConversationRef, work: (history: readonly StoredEvent[]) => TurnWrite<T> | Promise<TurnWrite<T>>): Promise<T> {
    const key = conversationKey(ref);
    return this.turns.run(key, () =>
      this.db.write(async (trx) => {
        if (this.db.dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx);
        const history = await read(trx, key, HISTORY_LIMIT);
        const { result, events } = await work(history);
        await append(trx, ref, key, (history.at(-1)?.seq ?? 0) + 1, events);
        return result;
      }),
    );
  }

  history(key: string, limit?: number): Promise<StoredEvent[]> {
    return this.db.run((db) => read(db, key, limit));
  }

  async openHandovers(): Promise<Handover[]> {
    const rows = await this.db.run((db) =>
      db.selectFrom('handovers').selectAll().where('released_at', 'is', null).orderBy('opened_at').orderBy('conversation_key').execute(),
    );
    return rows.map(toHandover);
  }

  async conversationsOf(user: ChannelUser): Promise<string[]> {
    const rows = await this.db.run((db) =>
      db
        .selectFrom('events')
        .select('conversation_key')
        .where('user_id', '=', user.userId)
        .where('conversation_key', 'like', `${escapeLike(user.channel)}:%`)
        .union(db.selectFrom('handovers').select('conversation_key').where('channel', '=', user.channel).where('user_id', '=', user.userId))
        .execute(),
    );
    // LIKE's escape character differs between the dialects; the prefix check settles it.
    return rows.map((row) => row.conversation_key).filter((key) => key.startsWith(`${user.channel}:`)).sort();
  }

  conversationRecords(keys: readonly string[]): Promise<ConversationRecords> {
    if (keys.length === 0) return Promise.resolve({ events: [], handovers: [], ratings: [] });
    return this.db.snapshot(async (trx) => {
      const events = await trx.selectFrom('events').selectAll().where('conversation_key', 'in', keys).orderBy('conversation_key').orderBy('seq').execute();
      const handovers = await trx.selectFrom('handovers').selectAll().where('conversation_key', 'in', keys).orderBy('conversation_key').execute();
      const ratings = await trx.selectFrom('ratings').selectAll().where('conversation_key', 'in', keys).orderBy('conversation_key').orderBy('answer_seq').execute();
      return {
        events: events.map((row) => ({ conversationKey: row.conversation_key, seq: row.seq, at: toDate(row.at), event: fromJson<ConversationEvent>(row.data) })),
        handovers: handovers.map(toHandover),
        ratings: ratings.map(toRating),
      };
    });
  }

  forgetConversations(keys: readonly string[]): Promise<number> {
    if (keys.length === 0) return Promise.resolve(0);
    return this.db.write(async (trx) => {
      let removed = 0n;
      for (const table of ['events', 'handovers', 'ratings'] as const) {
        removed += (await trx.deleteFrom(table).where('conversation_key', 'in', keys).executeTakeFirst()).numDeletedRows;
      }
      return Number(removed);
    });
  }

  async ratings(options: { since?: Date } = {}): Promise<Rating[]> {
    const { since } = options;
    const rows = await this.db.run((db) =>
      db
        .selectFrom('ratings')
        .selectAll()
        .$if(since !== undefined, (q) => q.where('at', '>=', since as Date))
        .orderBy('at')
        .orderBy('conversation_key')
        .orderBy('answer_seq')
        .execute(),
    );
    return rows.map(toRating);
  }

  purgeTexts(before: Date): Promise<number> {
    return this.db.write(async (trx) => {
      const { numAffectedRows } = await (this.db.dialect === 'postgres' ? purgePostgres(before) : purgeSqlite(before)).execute(trx);
      await trx.updateTable('ratings').set({ question: null }).where('at', '<', before).where('question', 'is not', null).execute();
      return Number(numAffectedRows ?? 0);
    });
  }

  ping(): Promise<void> {
    return this.db.expectMigrated(CONVERSATION_MIGRATIONS);
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

function toHandover(row: Selectable<HandoversTable>): Handover {
  return {
    conversationKey: row.conversation_key,
    channel: row.channel,
    conversationId: row.conversation_id,
    userId: row.user_id,
    reason: row.reason,
    openedAt: toDate(row.opened_at),
    ...(row.released_at === null ? {} : { releasedAt: toDate(row.released_at) }),
  };
}

function toRating(row: Selectable<RatingsTable>): Rating {
  return {
    conversationKey: row.conversation_key,
    answerSeq: row.answer_seq,
    helpful: Boolean(row.helpful),
    ...(row.question === null ? {} : { question: row.question }),
    ...(row.intent === null ? {} : { intent: row.intent }),
    at: toDate(row.at),
  };
}

/** `text` matched literally by LIKE where the dialect has no default escape: wildcards become single-character matches, filtered after. */
const escapeLike = (text: string): string => text.replace(/[%_\\]/g, '_');

async function read(db: Kysely<Schema>, key: string, limit: number | undefined): Promise<StoredEvent[]> {
  const rows = await db
    .selectFrom('events')
    .select(['seq', 'at', 'data'])
    .where('conversation_key', '=', key)
    .orderBy('seq', 'desc')
    .$if(limit !== undefined, (q) => q.limit(limit as number))
    .execute();
  return rows.reverse().map((row) => ({ conversationKey: key, seq: row.seq, at: toDate(row.at), event: fromJson<ConversationEvent>(row.data) }));
}

async function append(trx: Kysely<Schema>, ref: ConversationRef, key: string, firstSeq: number, events: readonly NewEvent[]): Promise<void> {
  for (const [i, { at, event }] of events.entries()) {
    await trx
      .insertInto('events')
      .values({ conversation_key: key, seq: firstSeq + i, at, user_id: ref.userId, type: event.type, data: JSON.stringify(event) })
      .execute();
    await project(trx, ref, key, at, event);
  }
}

/** Updates the records derived from the log with one appended event. */
async function project(trx: Kysely<Schema>, ref: ConversationRef, key: string, at: Date, event: ConversationEvent): Promise<void> {
  switch (event.type) {
    case 'handover_opened':
      // Opening again while open keeps the conversation's place in the queue.
      await trx
        .insertInto('handovers')
        .values({ conversation_key: key, channel: ref.channel, conversation_id: ref.conversationId, user_id: ref.userId, reason: event.reason, opened_at: at, released_at: null })
        .onConflict((oc) =>
          oc.column('conversation_key').doUpdateSet((eb) => ({
            user_id: eb.ref('excluded.user_id'),
            reason: eb.ref('excluded.reason'),
            opened_at: eb.case().when('handovers.released_at', 'is', null).then(eb.ref('handovers.opened_at')).else(eb.ref('excluded.opened_at')).end(),
            released_at: null,
          })),
        )
        .execute();
      break;
    case 'handover_released':
      await trx.updateTable('handovers').set({ released_at: at }).where('conversation_key', '=', key).where('released_at', 'is', null).execute();
      break;
    case 'rated':
      await trx
        .insertInto('ratings')
        .values({ conversation_key: key, answer_seq: event.answerSeq, helpful: event.helpful, question: event.question ?? null, intent: event.intent ?? null, at })
        .onConflict((oc) =>
          oc.columns(['conversation_key', 'answer_seq']).doUpdateSet((eb) => ({
            helpful: eb.ref('excluded.helpful'),
            question: eb.ref('excluded.question'),
            intent: eb.ref('excluded.intent'),
            at: eb.ref('excluded.at'),
          })),
        )
        .execute();
      break;
    default:
      break;
  }
}

// Blanking texts inside the JSON of events is where the dialects' JSON functions differ.
const purgePostgres = (before: Date) => sql`
  UPDATE events SET data = CASE type
      WHEN 'user_said' THEN data - 'text'
      WHEN 'rated' THEN data - 'question'
      WHEN 'officer_replied' THEN jsonb_set(data, '{text}', to_jsonb(${PURGED_TEXT}::text))
      ELSE jsonb_set(data, '{replies}', (
        SELECT jsonb_agg(jsonb_set(reply, '{text}', to_jsonb(${PURGED_TEXT}::text)) ORDER BY position)
        FROM jsonb_array_elements(data->'replies') WITH ORDINALITY AS r(reply, position)))
    END
  WHERE at < ${before} AND (
    (type = 'user_said' AND data ? 'text')
    OR (type = 'rated' AND data ? 'question')
    OR (type = 'officer_replied' AND data->>'text' IS DISTINCT FROM ${PURGED_TEXT})
    OR (type = 'bot_replied' AND EXISTS (
      SELECT 1 FROM jsonb_array_elements(data->'replies') AS reply WHERE reply->>'text' IS DISTINCT FROM ${PURGED_TEXT})))`;

const purgeSqlite = (before: Date) => sql`
  UPDATE events SET data = CASE events.type
      WHEN 'user_said' THEN json_remove(events.data, '$.text')
      WHEN 'rated' THEN json_remove(events.data, '$.question')
      WHEN 'officer_replied' THEN json_set(events.data, '$.text', ${PURGED_TEXT})
      ELSE json_set(events.data, '$.replies', json((
        SELECT json_group_array(json(json_set(reply.value, '$.text', ${PURGED_TEXT})) ORDER BY reply.key)
        FROM json_each(events.data, '$.replies') AS reply)))
    END
  WHERE events.at < ${before} AND (
    (events.type = 'user_said' AND json_type(events.data, '$.text') IS NOT NULL)
    OR (events.type = 'rated' AND json_type(events.data, '$.question') IS NOT NULL)
    OR (events.type = 'officer_replied' AND json_extract(events.data, '$.text') IS NOT ${PURGED_TEXT})
    OR (events.type = 'bot_replied' AND EXISTS (
      SELECT 1 FROM json_each(events.data, '$.replies') AS reply
      WHERE json_extract(reply.value, '$.text') IS NOT ${PURGED_TEXT})))`;
