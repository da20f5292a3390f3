import Database from 'better-sqlite3';
import type { InboundUpdate } from '../../channels/channel-adapter.js';
import type { Reply } from '../../engine/reply.js';
import type { InboxItem, MessageQueue, OutboundMessage, OutboxItem, QueueStats } from '../message-queue.js';
import { NotClaimedError } from './not-claimed-error.js';
import { migrateQueue } from './sqlite-queue-migrations.js';
import { SerializedAccess } from '../../store/sqlite/serialized-access.js';
import { openSharedSqlite } from '../../store/sqlite/open-shared-file.js';


interface InboxRow {
  id: number;
  channel: string;
  platform_message_id: string;
  conversation_id: string;
  user_id: string;
  text: string | null;
  payload: string | null;
  received_at: number;
  attempts: number;
}

interface OutboxRow {
  id: number;
  channel: string;
  conversation_id: string;
  replies: string;
  attempts: number;
}

interface StatsRow {
  inbox_pending: number;
  outbox_pending: number;
  outbox_failed: number;
}

interface ClaimParams {
  now: number;
  leaseUntil: number;
}

// An item is claimable when it is unfinished, due and not leased, and its conversation has no
// earlier unfinished item and no item leased right now. (The item's own lease is also covered by
// NOT EXISTS here; it is spelled out as in the PostgreSQL queue, where it matters.)
const CLAIM_INBOUND = `
  UPDATE inbox SET status = 'claimed', lease_until = :leaseUntil
  WHERE id = (
    SELECT item.id FROM inbox AS item
    WHERE item.status <> 'done'
      AND (item.not_before IS NULL OR item.not_before <= :now)
      AND (item.lease_until IS NULL OR item.lease_until <= :now)
      AND NOT EXISTS (
        SELECT 1 FROM inbox AS other
        WHERE other.channel = item.channel AND other.conversation_id = item.conversation_id AND other.status <> 'done'
          AND (other.id < item.id OR other.lease_until > :now))
    ORDER BY item.id
    LIMIT 1)
  RETURNING id, channel, platform_message_id, conversation_id, user_id, text, payload, received_at, attempts`;

const CLAIM_OUTBOUND = `
  UPDATE outbox SET lease_until = :leaseUntil
  WHERE id = (
    SELECT item.id FROM outbox AS item
    WHERE item.status = 'pending'
      AND (item.not_before IS NULL OR item.not_before <= :now)
      AND (item.lease_until IS NULL OR item.lease_until <= :now)
      AND NOT EXISTS (
        SELECT 1 FROM outbox AS other
        WHERE other.channel = item.channel AND other.conversation_id = item.conversation_id AND other.status = 'pending'
          AND (other.id < item.id OR other.lease_until > :now))
    ORDER BY item.id
    LIMIT 1)
  RETURNING id, channel, conversation_id, replies, attempts`;

/**
 * Queue in the embedded SQLite file (WAL), usually the conversation store's own `bot.sqlite`.
 * Every operation is one short synchronous transaction; the operations of this process run one at
 * a time in call order, and wait for other connections' write locks as `retryWhileBusy` explains.
 */
export class SqliteMessageQueue implements MessageQueue {
  /** Tail of the chain of operations: a write waiting for the lock keeps later ones (and close) behind it. */
  private readonly access = new SerializedAccess();

  private readonly insertInbox;
  private readonly claimInbox;
  private readonly finishInbox;
  private readonly releaseInbox;
  private readonly insertOutbox;
  private readonly claimOutbox;
  private readonly finishOutbox;
  private readonly retryOutbox;
  private readonly failOutbox;
  private readonly selectStats;
  private readonly purge: Database.Transaction<(before: number) => number>;
  private readonly complete;

  private constructor(private readonly db: Database.Database) {
    this.insertInbox = db.prepare<[string, string, string, string, string | null, string | null, number]>(`
      INSERT INTO inbox (channel, platform_message_id, conversation_id, user_id, text, payload, received_at)
      VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (channel, platform_message_id) DO NOTHING`);
    this.claimInbox = db.prepare<ClaimParams, InboxRow>(CLAIM_INBOUND);
    this.finishInbox = db.prepare<[number]>("UPDATE inbox SET status = 'done', lease_until = NULL WHERE id = ? AND status = 'claimed'");
    this.releaseInbox = db.prepare<[number, string, number]>(`
      UPDATE inbox SET status = 'pending', lease_until = NULL, not_before = ?, attempts = attempts + 1, last_error = ?
      WHERE id = ? AND status = 'claimed'`);
    this.insertOutbox = db.prepare<[string, string, string, number]>(
      'INSERT INTO outbox (channel, conversation_id, replies, created_at) VALUES (?, ?, ?, ?)',
    );
    this.claimOutbox = db.prepare<ClaimParams, OutboxRow>(CLAIM_OUTBOUND);
    this.finishOutbox = db.prepare<[number, number]>(`
      UPDATE outbox SET status = 'done', lease_until = NULL, done_at = ?
      WHERE id = ? AND status = 'pending' AND lease_until IS NOT NULL`);
    this.retryOutbox = db.prepare<[number, string, number]>(`
      UPDATE outbox SET lease_until = NULL, not_before = ?, attempts = attempts + 1, last_error = ?
      WHERE id = ? AND status = 'pending' AND lease_until IS NOT NULL`);
    this.failOutbox = db.prepare<[string, number, number]>(`
      UPDATE outbox SET status = 'failed', lease_until = NULL, attempts = attempts + 1, last_error = ?, done_at = ?
      WHERE id = ? AND status = 'pending' AND lease_until IS NOT NULL`);
    this.selectStats = db.prepare<[], StatsRow>(`
      SELECT
        (SELECT count(*) FROM inbox WHERE status <> 'done') AS inbox_pending,
        (SELECT count(*) FROM outbox WHERE status = 'pending') AS outbox_pending,
        (SELECT count(*) FROM outbox WHERE status = 'failed') AS outbox_failed`);
    const blankInbox = db.prepare<[number]>(
      "UPDATE inbox SET text = NULL WHERE status = 'done' AND received_at < ? AND text IS NOT NULL",
    );
    const blankOutbox = db.prepare<[number]>(
      "UPDATE outbox SET replies = '[]' WHERE status <> 'pending' AND created_at < ? AND replies <> '[]'",
    );
    this.purge = db.transaction((before: number) => blankInbox.run(before).changes + blankOutbox.run(before).changes);
    this.complete = db.transaction((id: number, outbound: OutboundMessage | undefined, now: Date) => {
      claimed('inbox', id, this.finishInbox.run(id));
      if (outbound) this.insertOutbox.run(outbound.channel, outbound.conversationId, JSON.stringify(outbound.replies), now.getTime());
    });
  }

  /** Opens (creating if needed) the database file and brings the queue's tables up to date. */
  static async open(path: string): Promise<SqliteMessageQueue> {
    return new SqliteMessageQueue(await openSharedSqlite(path, migrateQueue));
  }

  accept(update: InboundUpdate): Promise<'stored' | 'duplicate'> {
    return this.serialized(() => {
      const { changes } = this.insertInbox.run(
        update.channel,
        update.platformMessageId,
        update.conversationId,
        update.userId,
        update.text ?? null,
        update.payload ?? null,
        update.receivedAt.getTime(),
      );
      return changes === 1 ? 'stored' : 'duplicate';
    });
  }

  claimInbound(now: Date, leaseMs: number): Promise<InboxItem | undefined> {
    return this.serialized(() => {
      const row = this.claimInbox.get({ now: now.getTime(), leaseUntil: now.getTime() + leaseMs });
      return row && toInboxItem(row);
    });
  }

  completeInbound(id: number, outbound: OutboundMessage | undefined, now: Date): Promise<void> {
    return this.serialized(() => this.complete.immediate(id, outbound, now));
  }

  releaseInbound(id: number, notBefore: Date, error: string): Promise<void> {
    return this.serialized(() => claimed('inbox', id, this.releaseInbox.run(notBefore.getTime(), error, id)));
  }

  enqueueOutbound(message: OutboundMessage, now: Date): Promise<void> {
    return this.serialized(() => {
      this.insertOutbox.run(message.channel, message.conversationId, JSON.stringify(message.replies), now.getTime());
    });
  }

  claimOutbound(now: Date, leaseMs: number): Promise<OutboxItem | undefined> {
    return this.serialized(() => {
      const row = this.claimOutbox.get({ now: now.getTime(), leaseUntil: now.getTime() + leaseMs });
      return row && toOutboxItem(row);
    });
  }

  completeOutbound(id: number, now: Date): Promise<void> {
    return this.serialized(() => claimed('outbox', id, this.finishOutbox.run(now.getTime(), id)));
  }

  retryOutbound(id: number, notBefore: Date, error: string): Promise<void> {
    return this.serialized(() => claimed('outbox', id, this.retryOutbox.run(notBefore.getTime(), error, id)));
  }

  failOutbound(id: number, error: string, now: Date): Promise<void> {
    return this.serialized(() => claimed('outbox', id, this.failOutbox.run(error, now.getTime(), id)));
  }

  stats(): Promise<QueueStats> {
    return this.serialized(() => {
      // A SELECT of aggregates without FROM always returns exactly one row.
      const row = this.selectStats.get() as StatsRow;
      return { inboxPending: row.inbox_pending, outboxPending: row.outbox_pending, outboxFailed: row.outbox_failed };
    });
  }

  purgeTexts(before: Date): Promise<number> {
    return this.serialized(() => this.purge.immediate(before.getTime()));
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

/** Throws unless the update changed the item, i.e. it was claimed. */
function claimed(box: 'inbox' | 'outbox', id: number, { changes }: Database.RunResult): void {
  if (changes !== 1) throw new NotClaimedError(box, id);
}

function toInboxItem(row: InboxRow): InboxItem {
  return {
    id: row.id,
    channel: row.channel,
    platformMessageId: row.platform_message_id,
    conversationId: row.conversation_id,
    userId: row.user_id,
    ...(row.text === null ? {} : { text: row.text }),
    ...(row.payload === null ? {} : { payload: row.payload }),
    receivedAt: new Date(row.received_at),
    attempts: row.attempts,
  };
}

function toOutboxItem(row: OutboxRow): OutboxItem {
  return {
    id: row.id,
    channel: row.channel,
    conversationId: row.conversation_id,
    replies: JSON.parse(row.replies) as Reply[],
    attempts: row.attempts,
  };
}
