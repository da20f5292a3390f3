import pg from 'pg';
import { inTransaction } from './transaction.js';
import type { ConversationEvent, NewEvent, StoredEvent } from '../../engine/conversation-events.js';
import {
  HISTORY_LIMIT,
  conversationKey,
  type ConversationRef,
  type ConversationStore,
  type Handover,
  type Rating,
  type TurnWrite,
} from '../../engine/conversation-store.js';
import { KeyedQueue } from '../keyed-queue.js';
import { PURGED_TEXT } from '../purged-text.js';
import { POSTGRES_MIGRATIONS, migrate } from './migrations.js';

interface EventRow {
  seq: number;
  at: Date;
  data: ConversationEvent;
}

interface HandoverRow {
  conversation_key: string;
  channel: string;
  conversation_id: string;
  user_id: string;
  reason: Handover['reason'];
  opened_at: Date;
}

interface RatingRow {
  conversation_key: string;
  answer_seq: number;
  helpful: boolean;
  question: string | null;
  intent: string | null;
  at: Date;
}

const PURGE_TEXTS = `
  UPDATE events SET data = CASE type
      WHEN 'user_said' THEN data - 'text'
      WHEN 'rated' THEN data - 'question'
      WHEN 'officer_replied' THEN jsonb_set(data, '{text}', to_jsonb($2::text))
      ELSE jsonb_set(data, '{replies}', (
        SELECT jsonb_agg(jsonb_set(reply, '{text}', to_jsonb($2::text)) ORDER BY position)
        FROM jsonb_array_elements(data->'replies') WITH ORDINALITY AS r(reply, position)))
    END
  WHERE at < $1 AND (
    (type = 'user_said' AND data ? 'text')
    OR (type = 'rated' AND data ? 'question')
    OR (type = 'officer_replied' AND data->>'text' IS DISTINCT FROM $2)
    OR (type = 'bot_replied' AND EXISTS (
      SELECT 1 FROM jsonb_array_elements(data->'replies') AS reply WHERE reply->>'text' IS DISTINCT FROM $2)))`;

/**
 * Store shared by several bot instances. A turn holds a transaction-scoped advisory lock on its
 * conversation, so turns of one conversation are exclusive across all instances.
 */
export class PostgresConversationStore implements ConversationStore {
  /** Turns of one conversation wait here rather than each holding a pool connection while blocked on the lock. */
  private readonly turns = new KeyedQueue();

  private constructor(private readonly pool: pg.Pool) {}

  /** Connects and brings the schema up to date. */
  static async open(url: string): Promise<PostgresConversationStore> {
    const pool = new pg.Pool({ connectionString: url });
    // An idle connection that fails is dropped by the pool and replaced on next use; without a
    // listener the 'error' event would crash the process. Outages surface through queries and ping().
    pool.on('error', () => undefined);
    try {
      await migrate(pool);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresConversationStore(pool);
  }

  withTurn<T>(ref: ConversationRef, work: (history: readonly StoredEvent[]) => TurnWrite<T> | Promise<TurnWrite<T>>): Promise<T> {
    const key = conversationKey(ref);
    return this.turns.run(key, () =>
      this.transaction(async (client) => {
        await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [key]);
        const history = await read(client, key, HISTORY_LIMIT);
        const { result, events } = await work(history);
        await append(client, ref, key, (history.at(-1)?.seq ?? 0) + 1, events);
        return result;
      }),
    );
  }

  history(key: string, limit?: number): Promise<StoredEvent[]> {
    // LIMIT NULL is PostgreSQL's "no limit".
    return read(this.pool, key, limit ?? null);
  }

  async openHandovers(): Promise<Handover[]> {
    const { rows } = await this.pool.query<HandoverRow>(
      'SELECT * FROM handovers WHERE released_at IS NULL ORDER BY opened_at, conversation_key',
    );
    return rows.map((row) => ({
      conversationKey: row.conversation_key,
      channel: row.channel,
      conversationId: row.conversation_id,
      userId: row.user_id,
      reason: row.reason,
      openedAt: row.opened_at,
    }));
  }

  async ratings(options: { since?: Date } = {}): Promise<Rating[]> {
    const { rows } = await this.pool.query<RatingRow>(
      'SELECT * FROM ratings WHERE at >= $1 ORDER BY at, conversation_key, answer_seq',
      [options.since ?? '-infinity'],
    );
    return rows.map((row) => ({
      conversationKey: row.conversation_key,
      answerSeq: row.answer_seq,
      helpful: row.helpful,
      ...(row.question === null ? {} : { question: row.question }),
      ...(row.intent === null ? {} : { intent: row.intent }),
      at: row.at,
    }));
  }

  purgeTexts(before: Date): Promise<number> {
    return this.transaction(async (client) => {
      const { rowCount } = await client.query(PURGE_TEXTS, [before, PURGED_TEXT]);
      await client.query('UPDATE ratings SET question = NULL WHERE at < $1 AND question IS NOT NULL', [before]);
      return rowCount ?? 0;
    });
  }

  async ping(): Promise<void> {
    const { rows } = await this.pool.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations');
    const version = rows[0]?.version;
    const latest = POSTGRES_MIGRATIONS.at(-1)?.version;
    if (version !== latest) throw new Error(`PostgreSQL schema is at version ${version}, expected ${latest}`);
  }

  close(): Promise<void> {
    return this.pool.end();
  }

  private transaction<T>(body: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, body);
  }

}

async function read(db: pg.Pool | pg.PoolClient, key: string, limit: number | null): Promise<StoredEvent[]> {
  const { rows } = await db.query<EventRow>(
    'SELECT seq, at, data FROM events WHERE conversation_key = $1 ORDER BY seq DESC LIMIT $2',
    [key, limit],
  );
  return rows.reverse().map((row) => ({ conversationKey: key, seq: row.seq, at: row.at, event: row.data }));
}

async function append(client: pg.PoolClient, ref: ConversationRef, key: string, firstSeq: number, events: readonly NewEvent[]): Promise<void> {
  for (const [i, { at, event }] of events.entries()) {
    await client.query(
      'INSERT INTO events (conversation_key, seq, at, user_id, type, data) VALUES ($1, $2, $3, $4, $5, $6::jsonb)',
      [key, firstSeq + i, at, ref.userId, event.type, JSON.stringify(event)],
    );
    await project(client, ref, key, at, event);
  }
}

async function project(client: pg.PoolClient, ref: ConversationRef, key: string, at: Date, event: ConversationEvent): Promise<void> {
  switch (event.type) {
    case 'handover_opened':
      // Opening again while open keeps the conversation's place in the queue.
      await client.query(
        `INSERT INTO handovers (conversation_key, channel, conversation_id, user_id, reason, opened_at, released_at)
         VALUES ($1, $2, $3, $4, $5, $6, NULL)
         ON CONFLICT (conversation_key) DO UPDATE SET
           user_id = excluded.user_id,
           reason = excluded.reason,
           opened_at = CASE WHEN handovers.released_at IS NULL THEN handovers.opened_at ELSE excluded.opened_at END,
           released_at = NULL`,
        [key, ref.channel, ref.conversationId, ref.userId, event.reason, at],
      );
      break;
    case 'handover_released':
      await client.query('UPDATE handovers SET released_at = $1 WHERE conversation_key = $2 AND released_at IS NULL', [at, key]);
      break;
    case 'rated':
      await client.query(
        `INSERT INTO ratings (conversation_key, answer_seq, helpful, question, intent, at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (conversation_key, answer_seq) DO UPDATE SET
           helpful = excluded.helpful, question = excluded.question, intent = excluded.intent, at = excluded.at`,
        [key, event.answerSeq, event.helpful, event.question ?? null, event.intent ?? null, at],
      );
      break;
    default:
      break;
  }
}
