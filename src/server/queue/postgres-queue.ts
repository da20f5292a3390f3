import pg from 'pg';
import { inTransaction } from '../../store/postgres/transaction.js';
import type { InboundUpdate } from '../../channels/channel-adapter.js';
import type { Reply } from '../../engine/reply.js';
import type { InboxItem, MessageQueue, OutboundMessage, OutboxItem, QueueStats } from '../message-queue.js';
import { NotClaimedError } from './not-claimed-error.js';
import { migrateQueue } from './postgres-queue-migrations.js';

interface InboxRow {
  id: string; // bigint
  channel: string;
  platform_message_id: string;
  conversation_id: string;
  user_id: string;
  text: string | null;
  payload: string | null;
  received_at: Date;
  attempts: number;
}

interface OutboxRow {
  id: string; // bigint
  channel: string;
  conversation_id: string;
  replies: Reply[];
  attempts: number;
}

interface StatsRow {
  inbox_pending: number;
  outbox_pending: number;
  outbox_failed: number;
}

/**
 * Class of the transaction advisory locks that serialize `accept` per conversation (the object is
 * a hash of the conversation), in the two-integer key space apart from the migration locks' class.
 */
const ACCEPT_LOCK_CLASS = 0x7472_6f71;

// An item is claimable when it is unfinished, due and not leased, and its conversation has no
// earlier unfinished item and no item leased right now. SKIP LOCKED passes over an item another
// instance is claiming or finishing. Having locked an item that changed since the statement began,
// PostgreSQL re-checks only the item's own conditions — which is why they are spelled out here and
// enough: a conversation's items become visible in id order (see accept), so only its oldest
// unfinished item can ever be a candidate.
const CLAIM_INBOUND = `
  UPDATE inbox SET status = 'claimed', lease_until = $2
  WHERE id = (
    SELECT item.id FROM inbox AS item
    WHERE item.status <> 'done'
      AND (item.not_before IS NULL OR item.not_before <= $1)
      AND (item.lease_until IS NULL OR item.lease_until <= $1)
      AND NOT EXISTS (
        SELECT 1 FROM inbox AS other
        WHERE other.channel = item.channel AND other.conversation_id = item.conversation_id AND other.status <> 'done'
          AND (other.id < item.id OR other.lease_until > $1))
    ORDER BY item.id
    LIMIT 1
    FOR UPDATE OF item SKIP LOCKED)
  RETURNING id, channel, platform_message_id, conversation_id, user_id, text, payload, received_at, attempts`;

// Outbox items of a conversation are inserted in order too: each by the completion of an inbox
// item, which must commit before the conversation's next inbox item can be claimed.
const CLAIM_OUTBOUND = `
  UPDATE outbox SET lease_until = $2
  WHERE id = (
    SELECT item.id FROM outbox AS item
    WHERE item.status = 'pending'
      AND (item.not_before IS NULL OR item.not_before <= $1)
      AND (item.lease_until IS NULL OR item.lease_until <= $1)
      AND NOT EXISTS (
        SELECT 1 FROM outbox AS other
        WHERE other.channel = item.channel AND other.conversation_id = item.conversation_id AND other.status = 'pending'
          AND (other.id < item.id OR other.lease_until > $1))
    ORDER BY item.id
    LIMIT 1
    FOR UPDATE OF item SKIP LOCKED)
  RETURNING id, channel, conversation_id, replies, attempts`;

/** Queue shared by several bot instances, in the same database (and schema) as the conversation store. */
export class PostgresMessageQueue implements MessageQueue {
  private constructor(private readonly pool: pg.Pool) {}

  /** Connects and brings the queue's tables up to date. */
  static async open(url: string): Promise<PostgresMessageQueue> {
    const pool = new pg.Pool({ connectionString: url });
    // An idle connection that fails is dropped by the pool and replaced on next use; without a
    // listener the 'error' event would crash the process. Outages surface through queries.
    pool.on('error', () => undefined);
    try {
      await migrateQueue(pool);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresMessageQueue(pool);
  }

  accept(update: InboundUpdate): Promise<'stored' | 'duplicate'> {
    // Under the conversation's lock, an item's id is drawn after the previous item of the
    // conversation has committed: claimers never see a later item before an earlier one.
    return this.transaction(async (client) => {
      await client.query("SELECT pg_advisory_xact_lock($1, hashtext($2::text || ':' || $3::text))", [
        ACCEPT_LOCK_CLASS,
        update.channel,
        update.conversationId,
      ]);
      const { rowCount } = await client.query(
        `INSERT INTO inbox (channel, platform_message_id, conversation_id, user_id, text, payload, received_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (channel, platform_message_id) DO NOTHING`,
        [update.channel, update.platformMessageId, update.conversationId, update.userId, update.text ?? null, update.payload ?? null, update.receivedAt],
      );
      return rowCount === 1 ? 'stored' : 'duplicate';
    });
  }

  async claimInbound(now: Date, leaseMs: number): Promise<InboxItem | undefined> {
    const { rows } = await this.pool.query<InboxRow>(CLAIM_INBOUND, [now, new Date(now.getTime() + leaseMs)]);
    return rows[0] && toInboxItem(rows[0]);
  }

  completeInbound(id: number, outbound: OutboundMessage | undefined, now: Date): Promise<void> {
    return this.transaction(async (client) => {
      claimed('inbox', id, await client.query("UPDATE inbox SET status = 'done', lease_until = NULL WHERE id = $1 AND status = 'claimed'", [id]));
      if (outbound) await insertOutbound(client, outbound, now);
    });
  }

  async enqueueOutbound(message: OutboundMessage, now: Date): Promise<void> {
    await insertOutbound(this.pool, message, now);
  }

  async releaseInbound(id: number, notBefore: Date, error: string): Promise<void> {
    const result = await this.pool.query(
      `UPDATE inbox SET status = 'pending', lease_until = NULL, not_before = $2, attempts = attempts + 1, last_error = $3
       WHERE id = $1 AND status = 'claimed'`,
      [id, notBefore, error],
    );
    claimed('inbox', id, result);
  }

  async claimOutbound(now: Date, leaseMs: number): Promise<OutboxItem | undefined> {
    const { rows } = await this.pool.query<OutboxRow>(CLAIM_OUTBOUND, [now, new Date(now.getTime() + leaseMs)]);
    return rows[0] && toOutboxItem(rows[0]);
  }

  async completeOutbound(id: number, now: Date): Promise<void> {
    const result = await this.pool.query(
      `UPDATE outbox SET status = 'done', lease_until = NULL, done_at = $2
       WHERE id = $1 AND status = 'pending' AND lease_until IS NOT NULL`,
      [id, now],
    );
    claimed('outbox', id, result);
  }

  async retryOutbound(id: number, notBefore: Date, error: string): Promise<void> {
    const result = await this.pool.query(
      `UPDATE outbox SET lease_until = NULL, not_before = $2, attempts = attempts + 1, last_error = $3
       WHERE id = $1 AND status = 'pending' AND lease_until IS NOT NULL`,
      [id, notBefore, error],
    );
    claimed('outbox', id, result);
  }

  async failOutbound(id: number, error: string, now: Date): Promise<void> {
    const result = await this.pool.query(
      `UPDATE outbox SET status = 'failed', lease_until = NULL, attempts = attempts + 1, last_error = $2, done_at = $3
       WHERE id = $1 AND status = 'pending' AND lease_until IS NOT NULL`,
      [id, error, now],
    );
    claimed('outbox', id, result);
  }

  async stats(): Promise<QueueStats> {
    const { rows } = await this.pool.query<StatsRow>(`
      SELECT
        (SELECT count(*) FROM inbox WHERE status <> 'done')::integer AS inbox_pending,
        (SELECT count(*) FROM outbox WHERE status = 'pending')::integer AS outbox_pending,
        (SELECT count(*) FROM outbox WHERE status = 'failed')::integer AS outbox_failed`);
    // A SELECT of aggregates without FROM always returns exactly one row.
    const row = rows[0] as StatsRow;
    return { inboxPending: row.inbox_pending, outboxPending: row.outbox_pending, outboxFailed: row.outbox_failed };
  }

  async purgeTexts(before: Date): Promise<number> {
    return this.transaction(async (client) => {
      const inbox = await client.query("UPDATE inbox SET text = NULL WHERE status = 'done' AND received_at < $1 AND text IS NOT NULL", [before]);
      const outbox = await client.query(
        "UPDATE outbox SET replies = '[]'::jsonb WHERE status <> 'pending' AND created_at < $1 AND replies <> '[]'::jsonb",
        [before],
      );
      return (inbox.rowCount ?? 0) + (outbox.rowCount ?? 0);
    });
  }

  close(): Promise<void> {
    return this.pool.end();
  }

  private transaction<T>(body: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, body);
  }

}

/** Throws unless the update changed the item, i.e. it was claimed. */
function claimed(box: 'inbox' | 'outbox', id: number, { rowCount }: pg.QueryResult): void {
  if (rowCount !== 1) throw new NotClaimedError(box, id);
}

function toInboxItem(row: InboxRow): InboxItem {
  return {
    id: Number(row.id),
    channel: row.channel,
    platformMessageId: row.platform_message_id,
    conversationId: row.conversation_id,
    userId: row.user_id,
    ...(row.text === null ? {} : { text: row.text }),
    ...(row.payload === null ? {} : { payload: row.payload }),
    receivedAt: row.received_at,
    attempts: row.attempts,
  };
}

function toOutboxItem(row: OutboxRow): OutboxItem {
  return {
    id: Number(row.id),
    channel: row.channel,
    conversationId: row.conversation_id,
    replies: row.replies,
    attempts: row.attempts,
  };
}

function insertOutbound(db: pg.Pool | pg.PoolClient, message: OutboundMessage, now: Date): Promise<unknown> {
  return db.query('INSERT INTO outbox (channel, conversation_id, replies, created_at) VALUES ($1, $2, $3::jsonb, $4)', [
    message.channel,
    message.conversationId,
    JSON.stringify(message.replies),
    now,
  ]);
}
