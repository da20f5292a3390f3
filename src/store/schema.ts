import type { ColumnType } from 'kysely';
import type { Role } from '../admin/roles.js';
import type { ReviewStatus } from '../admin/review/turn-log.js';
import type { AuditAction } from '../admin/staff-store.js';
import type { VersionStatus } from '../content-versions/content-version.js';
import type { TurnOutcome } from '../engine/conversation-events.js';

/**
 * The tables of every store, as store code reads and writes them on both databases. Where the
 * databases differ in what they return, the type says both: SQLite keeps times as epoch
 * milliseconds, booleans as 0/1 and JSON as text; PostgreSQL returns Date, boolean and parsed
 * JSON (jsonb), and bigint ids as strings. Written values are the same on both (see
 * sqlite-bindings.ts); read ones go through `toDate`, `fromJson`, `Number` and `Boolean`.
 */
export type Timestamp = ColumnType<Date | number, Date, Date>;
export type NullableTimestamp = ColumnType<Date | number | null, Date | null, Date | null>;
export type Json = ColumnType<unknown, string, string>;
export type Flag = ColumnType<boolean | number, boolean, boolean>;
/** A generated bigint (PostgreSQL) or integer (SQLite) id. */
export type Id = ColumnType<number | string, never, never>;

export interface EventsTable {
  conversation_key: string;
  seq: number;
  at: Timestamp;
  user_id: string;
  type: string;
  data: Json;
}

export interface HandoversTable {
  conversation_key: string;
  channel: string;
  conversation_id: string;
  user_id: string;
  reason: 'requested' | 'unresolved';
  opened_at: Timestamp;
  released_at: NullableTimestamp;
}

export interface RatingsTable {
  conversation_key: string;
  answer_seq: number;
  helpful: Flag;
  question: string | null;
  intent: string | null;
  at: Timestamp;
}

export interface InboxTable {
  id: Id;
  channel: string;
  platform_message_id: string;
  conversation_id: string;
  user_id: string;
  text: string | null;
  payload: string | null;
  received_at: Timestamp;
  status: ColumnType<'pending' | 'claimed' | 'done', never, 'pending' | 'claimed' | 'done'>;
  lease_until: NullableTimestamp;
  not_before: NullableTimestamp;
  attempts: ColumnType<number, never, number>;
  last_error: ColumnType<string | null, never, string>;
}

export interface OutboxTable {
  id: Id;
  channel: string;
  conversation_id: string;
  replies: Json;
  status: ColumnType<'pending' | 'done' | 'failed', never, 'done' | 'failed'>;
  lease_until: NullableTimestamp;
  not_before: NullableTimestamp;
  attempts: ColumnType<number, never, number>;
  last_error: ColumnType<string | null, never, string>;
  created_at: Timestamp;
  done_at: NullableTimestamp;
}

export interface UsersTable {
  id: ColumnType<number, never, never>;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  created_at: Timestamp;
  disabled: ColumnType<boolean | number, never, boolean>;
}

export interface SessionsTable {
  /** SHA-256 of the session id in the cookie, hex. */
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface AuditLogTable {
  id: ColumnType<number, never, never>;
  at: Timestamp;
  user: string;
  action: AuditAction;
  target: string;
  before: ColumnType<unknown, string | null, never>;
  after: ColumnType<unknown, string | null, never>;
}

export interface LoginAttemptsTable {
  id: Id;
  username: string;
  address: string;
  at: Timestamp;
}

export interface TurnLogTable {
  id: Id;
  at: Timestamp;
  channel: string;
  conversation_key: string;
  /** Masked. */
  text: string | null;
  folded: string | null;
  outcome: TurnOutcome;
  intent: string | null;
  aspect: string | null;
  top_intents: Json;
  top_score: number | null;
  latency_ms: number;
  helpful: ColumnType<boolean | number | null, never, boolean>;
}

export interface ReviewStatusTable {
  folded: string;
  status: ReviewStatus;
  updated_at: Timestamp;
  updated_by: string;
}

export interface ContentVersionsTable {
  id: Id;
  files: Json;
  status: VersionStatus;
  author: string;
  created_at: Timestamp;
  published_at: NullableTimestamp;
  published_by: string | null;
  note: string | null;
  /** bigint on PostgreSQL. */
  base_version: ColumnType<number | string | null, number | null, never>;
}

export interface ZaloTokensTable {
  oa: string;
  access_token: string | null;
  refresh_token: string;
  /** Epoch milliseconds; bigint (a string) on PostgreSQL. */
  access_token_expires_at: ColumnType<number | string | null, number | null, number | null>;
  updated_at: Timestamp;
}

export interface Schema {
  events: EventsTable;
  handovers: HandoversTable;
  ratings: RatingsTable;
  inbox: InboxTable;
  outbox: OutboxTable;
  users: UsersTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  login_attempts: LoginAttemptsTable;
  turn_log: TurnLogTable;
  review_status: ReviewStatusTable;
  content_versions: ContentVersionsTable;
  zalo_tokens: ZaloTokensTable;
}

export const toDate = (value: Date | number): Date => new Date(value);

/** A JSON column's value: parsed by pg (jsonb), text from SQLite. */
export const fromJson = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;
