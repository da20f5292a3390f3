import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
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
import { PURGED_TEXT } from '../purged-text.js';
import { SQLITE_MIGRATIONS, migrate } from './migrations.js';

interface EventRow {
  seq: number;
  at: number;
  data: string;
}

interface HandoverRow {
  conversation_key: string;
  channel: string;
  conversation_id: string;
  user_id: string;
  reason: Handover['reason'];
  opened_at: number;
}

interface RatingRow {
  conversation_key: string;
  answer_seq: number;
  helpful: number;
  question: string | null;
  intent: string | null;
  at: number;
}

const PURGE_TEXTS = `
  UPDATE events SET data = CASE events.type
      WHEN 'user_said' THEN json_remove(events.data, '$.text')
      WHEN 'rated' THEN json_remove(events.data, '$.question')
      WHEN 'officer_replied' THEN json_set(events.data, '$.text', :purged)
      ELSE json_set(events.data, '$.replies', json((
        SELECT json_group_array(json(json_set(reply.value, '$.text', :purged)) ORDER BY reply.key)
        FROM json_each(events.data, '$.replies') AS reply)))
    END
  WHERE events.at < :before AND (
    (events.type = 'user_said' AND json_type(events.data, '$.text') IS NOT NULL)
    OR (events.type = 'rated' AND json_type(events.data, '$.question') IS NOT NULL)
    OR (events.type = 'officer_replied' AND json_extract(events.data, '$.text') IS NOT :purged)
    OR (events.type = 'bot_replied' AND EXISTS (
      SELECT 1 FROM json_each(events.data, '$.replies') AS reply
      WHERE json_extract(reply.value, '$.text') IS NOT :purged)))`;

/**
 * Embedded store in one SQLite file (WAL). Turns of the whole process run one at a time on its
 * single connection; `BEGIN IMMEDIATE` excludes other processes using the same file.
 */
export class SqliteConversationStore implements ConversationStore {
  /** Tail of the chain of turns and purges: they would otherwise share the connection's transaction. */
  private tail: Promise<unknown> = Promise.resolve();

  private readonly selectLastEvents;
  private readonly insertEvent;
  private readonly openHandover;
  private readonly releaseHandover;
  private readonly upsertRating;
  private readonly selectOpenHandovers;
  private readonly selectRatings;
  private readonly blankTexts;
  private readonly blankQuestions;
  private readonly selectVersion;

  private constructor(private readonly db: Database.Database) {
    // LIMIT -1 is SQLite's "no limit".
    this.selectLastEvents = db.prepare<[string, number], EventRow>(
      'SELECT seq, at, data FROM events WHERE conversation_key = ? ORDER BY seq DESC LIMIT ?',
    );
    this.insertEvent = db.prepare<[string, number, number, string, string, string]>(
      'INSERT INTO events (conversation_key, seq, at, user_id, type, data) VALUES (?, ?, ?, ?, ?, ?)',
    );
    // Opening again while open keeps the conversation's place in the queue.
    this.openHandover = db.prepare<[string, string, string, string, string, number]>(`
      INSERT INTO handovers (conversation_key, channel, conversation_id, user_id, reason, opened_at, released_at)
      VALUES (?, ?, ?, ?, ?, ?, NULL)
      ON CONFLICT (conversation_key) DO UPDATE SET
        user_id = excluded.user_id,
        reason = excluded.reason,
        opened_at = CASE WHEN handovers.released_at IS NULL THEN handovers.opened_at ELSE excluded.opened_at END,
        released_at = NULL`);
    this.releaseHandover = db.prepare<[number, string]>(
      'UPDATE handovers SET released_at = ? WHERE conversation_key = ? AND released_at IS NULL',
    );
    this.upsertRating = db.prepare<[string, number, number, string | null, string | null, number]>(`
      INSERT INTO ratings (conversation_key, answer_seq, helpful, question, intent, at) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (conversation_key, answer_seq) DO UPDATE SET
        helpful = excluded.helpful, question = excluded.question, intent = excluded.intent, at = excluded.at`);
    this.selectOpenHandovers = db.prepare<[], HandoverRow>(
      'SELECT * FROM handovers WHERE released_at IS NULL ORDER BY opened_at, conversation_key',
    );
    this.selectRatings = db.prepare<[number], RatingRow>(
      'SELECT * FROM ratings WHERE at >= ? ORDER BY at, conversation_key, answer_seq',
    );
    this.blankTexts = db.prepare<{ before: number; purged: string }>(PURGE_TEXTS);
    this.blankQuestions = db.prepare<[number]>('UPDATE ratings SET question = NULL WHERE at < ? AND question IS NOT NULL');
    this.selectVersion = db.prepare<[], number | null>('SELECT max(version) FROM schema_migrations').pluck();
  }

  /** Opens (creating if needed) the database file and brings its schema up to date. */
  static open(path: string): SqliteConversationStore {
    mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path);
    try {
      // Set before anything else so concurrent openers wait for each other instead of failing.
      db.pragma('busy_timeout = 10000');
      db.pragma('journal_mode = WAL');
      migrate(db);
      return new SqliteConversationStore(db);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  withTurn<T>(ref: ConversationRef, work: (history: readonly StoredEvent[]) => TurnWrite<T> | Promise<TurnWrite<T>>): Promise<T> {
    const key = conversationKey(ref);
    return this.exclusive(async () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const history = this.read(key, HISTORY_LIMIT);
        const { result, events } = await work(history);
        this.append(ref, key, (history.at(-1)?.seq ?? 0) + 1, events);
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    });
  }

  async history(key: string, limit?: number): Promise<StoredEvent[]> {
    return this.read(key, limit ?? -1);
  }

  async openHandovers(): Promise<Handover[]> {
    return this.selectOpenHandovers.all().map((row) => ({
      conversationKey: row.conversation_key,
      channel: row.channel,
      conversationId: row.conversation_id,
      userId: row.user_id,
      reason: row.reason,
      openedAt: new Date(row.opened_at),
    }));
  }

  async ratings(options: { since?: Date } = {}): Promise<Rating[]> {
    return this.selectRatings.all(options.since?.getTime() ?? Number.MIN_SAFE_INTEGER).map((row) => ({
      conversationKey: row.conversation_key,
      answerSeq: row.answer_seq,
      helpful: row.helpful === 1,
      ...(row.question === null ? {} : { question: row.question }),
      ...(row.intent === null ? {} : { intent: row.intent }),
      at: new Date(row.at),
    }));
  }

  purgeTexts(before: Date): Promise<number> {
    return this.exclusive(async () =>
      this.db
        .transaction(() => {
          const { changes } = this.blankTexts.run({ before: before.getTime(), purged: PURGED_TEXT });
          this.blankQuestions.run(before.getTime());
          return changes;
        })
        .immediate(),
    );
  }

  async ping(): Promise<void> {
    const version = this.selectVersion.get();
    const latest = SQLITE_MIGRATIONS.at(-1)?.version;
    if (version !== latest) throw new Error(`SQLite schema is at version ${version}, expected ${latest}`);
  }

  close(): Promise<void> {
    return this.exclusive(async () => {
      this.db.close();
    });
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }

  private read(key: string, limit: number): StoredEvent[] {
    return this.selectLastEvents
      .all(key, limit)
      .reverse()
      .map((row) => ({
        conversationKey: key,
        seq: row.seq,
        at: new Date(row.at),
        event: JSON.parse(row.data) as ConversationEvent,
      }));
  }

  private append(ref: ConversationRef, key: string, firstSeq: number, events: readonly NewEvent[]): void {
    events.forEach(({ at, event }, i) => {
      this.insertEvent.run(key, firstSeq + i, at.getTime(), ref.userId, event.type, JSON.stringify(event));
      this.project(ref, key, at.getTime(), event);
    });
  }

  private project(ref: ConversationRef, key: string, at: number, event: ConversationEvent): void {
    switch (event.type) {
      case 'handover_opened':
        this.openHandover.run(key, ref.channel, ref.conversationId, ref.userId, event.reason, at);
        break;
      case 'handover_released':
        this.releaseHandover.run(at, key);
        break;
      case 'rated':
        this.upsertRating.run(key, event.answerSeq, event.helpful ? 1 : 0, event.question ?? null, event.intent ?? null, at);
        break;
      default:
        break;
    }
  }
}
