import { sql, type Expression, type Kysely, type Selectable, type SqlBool, type UpdateResult } from 'kysely';
import type { InboundUpdate } from '../channels/channel-adapter.js';
import type { Reply } from '../engine/reply.js';
import type { ChannelUser } from '../engine/conversation-store.js';
import type { CitizenItems, InboxItem, MessageQueue, OutboundMessage, OutboxItem, QueueStats } from '../server/message-queue.js';
import { NotClaimedError } from '../server/queue/not-claimed-error.js';
import { CompiledOnce } from './compiled-once.js';
import { Database, type DatabaseLocation } from './database.js';
import { QUEUE_MIGRATIONS } from './queue-migrations.js';
import { fromJson, toDate, type Schema } from './schema.js';

/**
 * Class of the transaction advisory locks that serialize `accept` per conversation on PostgreSQL
 * (the object is a hash of the conversation), in the two-integer key space apart from other locks.
 */
const ACCEPT_LOCK_CLASS = 0x7472_6f71;

type Box = 'inbox' | 'outbox';

/**
 * The durable inbox and outbox, next to the conversation store's tables, on SQLite or PostgreSQL.
 *
 * An item is claimable when it is unfinished, due and not leased, and its conversation has no
 * earlier unfinished item and no item leased right now. On PostgreSQL the claim locks its
 * candidate `FOR UPDATE SKIP LOCKED`, passing over an item another instance is claiming or
 * finishing; having locked an item that changed since the statement began, PostgreSQL re-checks
 * only the item's own conditions — which is why they are spelled out and enough: a conversation's
 * items become visible in id order (see accept), so only its oldest unfinished item can ever be a
 * candidate. On SQLite every write holds the file's write lock, so claims are serial anyway.
 * A claim is one statement choosing one item; claiming several at once only takes a higher LIMIT
 * with `id IN (…)` and one candidate per conversation.
 */
export class SqlMessageQueue implements MessageQueue {
  constructor(private readonly db: Database) {}

  static async open(location: DatabaseLocation): Promise<SqlMessageQueue> {
    return new SqlMessageQueue(await Database.open(location, [QUEUE_MIGRATIONS]));
  }

  /** A private queue in memory, usable at once (tests, one-off CLI runs). */
  static inMemory(): SqlMessageQueue {
    return new SqlMessageQueue(Database.inMemory([QUEUE_MIGRATIONS]));
  }

  accept(update: InboundUpdate): Promise<'stored' | 'duplicate'> {
    // Under the conversation's lock, an item's id is drawn after the previous item of the
    // conversation has committed: claimers never see a later item before an earlier one.
    return this.db.write(async (trx) => {
      if (this.db.dialect === 'postgres') {
        await sql`SELECT pg_advisory_xact_lock(${ACCEPT_LOCK_CLASS}, hashtext(${update.channel}::text || ':' || ${update.conversationId}::text))`.execute(trx);
      }
      const { numInsertedOrUpdatedRows } = await trx
        .insertInto('inbox')
        .values({
          channel: update.channel,
          platform_message_id: update.platformMessageId,
          conversation_id: update.conversationId,
          user_id: update.userId,
          text: update.text ?? null,
          payload: update.payload ?? null,
          received_at: update.receivedAt,
        })
        .onConflict((oc) => oc.columns(['channel', 'platform_message_id']).doNothing())
        .executeTakeFirstOrThrow();
      return numInsertedOrUpdatedRows === 1n ? 'stored' : 'duplicate';
    });
  }

  async claimInbound(now: Date, leaseMs: number): Promise<InboxItem | undefined> {
    const { rows } = await this.db.run((db) => db.executeQuery((this.inboxClaim ??= this.compileInboxClaim(db)).with(now, new Date(now.getTime() + leaseMs))));
    const row = rows[0];
    return (
      row && toInboxItem(row)
    );
  }

  completeInbound(id: number, outbound: OutboundMessage | undefined, now: Date): Promise<void> {
    return this.db.write(async (trx) => {
      claimed('inbox', id, await trx.updateTable('inbox').set({ status: 'done', lease_until: null }).where('id', '=', id).where('status', '=', 'claimed').executeTakeFirst());
      if (outbound) await insertOutbound(trx, outbound, now);
    });
  }

  async releaseInbound(id: number, notBefore: Date, error: string): Promise<void> {
    const result = await this.db.run((db) =>
      db
        .updateTable('inbox')
        .set((eb) => ({ status: 'pending', lease_until: null, not_before: notBefore, attempts: eb('attempts', '+', 1), last_error: error }))
        .where('id', '=', id)
        .where('status', '=', 'claimed')
        .executeTakeFirst(),
    );
    claimed('inbox', id, result);
  }

  enqueueOutbound(message: OutboundMessage, now: Date): Promise<void> {
    return this.db.run((db) => insertOutbound(db, message, now));
  }

  async claimOutbound(now: Date, leaseMs: number): Promise<OutboxItem | undefined> {
    const { rows } = await this.db.run((db) => db.executeQuery((this.outboxClaim ??= this.compileOutboxClaim(db)).with(now, new Date(now.getTime() + leaseMs))));
    const row = rows[0];
    return row && { id: Number(row.id), channel: row.channel, conversationId: row.conversation_id, replies: fromJson<Reply[]>(row.replies), attempts: row.attempts };
  }

  async completeOutbound(id: number, now: Date): Promise<void> {
    claimed('outbox', id, await this.finishOutbound(id, { status: 'done', lease_until: null, done_at: now }));
  }

  async retryOutbound(id: number, notBefore: Date, error: string): Promise<void> {
    claimed('outbox', id, await this.finishOutbound(id, { lease_until: null, not_before: notBefore, last_error: error }, true));
  }

  async failOutbound(id: number, error: string, now: Date): Promise<void> {
    claimed('outbox', id, await this.finishOutbound(id, { status: 'failed', lease_until: null, last_error: error, done_at: now }, true));
  }

  async stats(): Promise<QueueStats> {
    const { rows } = await this.db.run((db) =>
      sql<{ inbox_pending: number | string; outbox_pending: number | string; outbox_failed: number | string }>`
        SELECT
          (SELECT count(*) FROM inbox WHERE status <> 'done') AS inbox_pending,
          (SELECT count(*) FROM outbox WHERE status = 'pending') AS outbox_pending,
          (SELECT count(*) FROM outbox WHERE status = 'failed') AS outbox_failed`.execute(db),
    );
    // A SELECT of aggregates without FROM always returns exactly one row; PostgreSQL counts are bigint (strings).
    const row = rows[0]!;
    return { inboxPending: Number(row.inbox_pending), outboxPending: Number(row.outbox_pending), outboxFailed: Number(row.outbox_failed) };
  }

  purgeTexts(before: Date): Promise<number> {
    return this.db.write(async (trx) => {
      const inbox = await trx.updateTable('inbox').set({ text: null }).where('status', '=', 'done').where('received_at', '<', before).where('text', 'is not', null).executeTakeFirst();
      const outbox = await trx.updateTable('outbox').set({ replies: '[]' }).where('status', '<>', 'pending').where('created_at', '<', before).where('replies', '<>', '[]').executeTakeFirst();
      return Number(inbox.numUpdatedRows + outbox.numUpdatedRows);
    });
  }

  itemsOf(user: ChannelUser, conversationIds: readonly string[]): Promise<CitizenItems> {
    return this.db.snapshot(async (trx) => {
      const inbox = await trx.selectFrom('inbox').selectAll().where('channel', '=', user.channel).where('user_id', '=', user.userId).orderBy('id').execute();
      const ids = [...new Set([...conversationIds, ...inbox.map((row) => row.conversation_id)])];
      const outbox =
        ids.length === 0 ? [] : await trx.selectFrom('outbox').selectAll().where('channel', '=', user.channel).where('conversation_id', 'in', ids).orderBy('id').execute();
      return {
        inbox: inbox.map((row) => ({ ...toInboxItem(row), status: row.status })),
        outbox: outbox.map((row) => ({
          id: Number(row.id),
          channel: row.channel,
          conversationId: row.conversation_id,
          replies: fromJson<Reply[]>(row.replies),
          attempts: row.attempts,
          status: row.status,
          createdAt: toDate(row.created_at),
        })),
      };
    });
  }

  forgetItemsOf(user: ChannelUser, conversationIds: readonly string[]): Promise<number> {
    return this.db.write(async (trx) => {
      const fromUser = trx.selectFrom('inbox').select('conversation_id').where('channel', '=', user.channel).where('user_id', '=', user.userId);
      const ids = [...new Set([...conversationIds, ...(await fromUser.execute()).map((row) => row.conversation_id)])];
      const inbox = await trx.deleteFrom('inbox').where('channel', '=', user.channel).where('user_id', '=', user.userId).where('status', '=', 'done').executeTakeFirst();
      const outbox =
        ids.length === 0
          ? { numDeletedRows: 0n }
          : await trx.deleteFrom('outbox').where('channel', '=', user.channel).where('conversation_id', 'in', ids).where('status', '<>', 'pending').executeTakeFirst();
      return Number(inbox.numDeletedRows + outbox.numDeletedRows);
    });
  }

  close(): Promise<void> {
    return this.db.close();
  }

  // Claims run many times a second, each loop polling; building and compiling them was a larger
  // share of the server's time than running them, so each is compiled once (see CompiledOnce).
  private inboxClaim?: ReturnType<SqlMessageQueue['compileInboxClaim']>;
  private outboxClaim?: ReturnType<SqlMessageQueue['compileOutboxClaim']>;

  private compileInboxClaim(db: Kysely<Schema>) {
    return new CompiledOnce(
      (now: Date, leaseUntil: Date) =>
        db
          .updateTable('inbox')
          .set({ status: 'claimed', lease_until: leaseUntil })
          .where('id', '=', this.claimable(db, 'inbox', now))
          .returning(['id', 'channel', 'platform_message_id', 'conversation_id', 'user_id', 'text', 'payload', 'received_at', 'attempts']),
      [new Date(0), new Date(0)],
    );
  }

  private compileOutboxClaim(db: Kysely<Schema>) {
    return new CompiledOnce(
      (now: Date, leaseUntil: Date) =>
        db
          .updateTable('outbox')
          .set({ lease_until: leaseUntil })
          .where('id', '=', this.claimable(db, 'outbox', now))
          .returning(['id', 'channel', 'conversation_id', 'replies', 'attempts']),
      [new Date(0), new Date(0)],
    );
  }

  /** The id of the oldest claimable item of `box` (see the class comment), as a subquery. */
  private claimable(db: Kysely<Schema>, box: Box, now: Date) {
    const unfinished = (table: 'item' | 'other'): Expression<SqlBool> =>
      box === 'inbox' ? sql<SqlBool>`${sql.ref(`${table}.status`)} <> 'done'` : sql<SqlBool>`${sql.ref(`${table}.status`)} = 'pending'`;
    return db
      .selectFrom(`${box} as item` as 'inbox as item')
      .select('item.id')
      .where(unfinished('item'))
      .where((eb) => eb.or([eb('item.not_before', 'is', null), eb('item.not_before', '<=', now)]))
      .where((eb) => eb.or([eb('item.lease_until', 'is', null), eb('item.lease_until', '<=', now)]))
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom(`${box} as other` as 'inbox as other')
              .select(sql`1`.as('one'))
              .whereRef('other.channel', '=', 'item.channel')
              .whereRef('other.conversation_id', '=', 'item.conversation_id')
              .where(unfinished('other'))
              .where((eb) => eb.or([eb('other.id', '<', eb.ref('item.id')), eb('other.lease_until', '>', now)])),
          ),
        ),
      )
      .orderBy('item.id')
      .limit(1)
      .$if(this.db.dialect === 'postgres', (q) => q.forUpdate('item').skipLocked());
  }

  /** Finishes a leased outbox item with `changes`, counting an attempt when `attempt`. */
  private finishOutbound(
    id: number,
    changes: { status?: 'done' | 'failed'; lease_until: null; not_before?: Date; last_error?: string; done_at?: Date },
    attempt = false,
  ): Promise<UpdateResult> {
    return this.db.run((db) =>
      db
        .updateTable('outbox')
        .set((eb) => ({ ...changes, ...(attempt ? { attempts: eb('attempts', '+', 1) } : {}) }))
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .where('lease_until', 'is not', null)
        .executeTakeFirst(),
    );
  }
}

/** Throws unless the update changed the item, i.e. it was claimed. */
function claimed(box: Box, id: number, { numUpdatedRows }: UpdateResult): void {
  if (numUpdatedRows !== 1n) throw new NotClaimedError(box, id);
}

async function insertOutbound(db: Kysely<Schema>, message: OutboundMessage, now: Date): Promise<void> {
  await db
    .insertInto('outbox')
    .values({ channel: message.channel, conversation_id: message.conversationId, replies: JSON.stringify(message.replies), created_at: now })
    .execute();
}

/** An inbox row as the queue hands it out. */
function toInboxItem(row: Pick<Selectable<Schema['inbox']>, 'id' | 'channel' | 'platform_message_id' | 'conversation_id' | 'user_id' | 'text' | 'payload' | 'received_at' | 'attempts'>): InboxItem {
  return {
    id: Number(row.id),
    channel: row.channel,
    platformMessageId: row.platform_message_id,
    conversationId: row.conversation_id,
    userId: row.user_id,
    ...(row.text === null ? {} : { text: row.text }),
    ...(row.payload === null ? {} : { payload: row.payload }),
    receivedAt: toDate(row.received_at),
    attempts: row.attempts,
  };
}
