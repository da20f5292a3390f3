import type { Role } from './roles.js';

/** A staff account as shown to staff: never its password hash. */
export interface StaffUser {
  readonly id: number;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly createdAt: Date;
  readonly disabled: boolean;
}

/** An account with its password hash, for logging in. */
export interface StaffAccount extends StaffUser {
  readonly passwordHash: string;
}

export interface NewStaffUser {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly passwordHash: string;
}

export interface StaffUserChanges {
  readonly displayName?: string;
  readonly role?: Role;
  readonly disabled?: boolean;
}

/** A login session; the browser holds the id, the store only its SHA-256. */
export interface StaffSession {
  readonly idHash: string;
  readonly userId: number;
  readonly csrfToken: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
}

/** Who makes a change and when, as the audit log records it. */
export interface Actor {
  /** A username, or a name starting with "@" for the system itself (usernames cannot). */
  readonly user: string;
  readonly at: Date;
}

export type AuditAction =
  | 'user.create'
  | 'user.update'
  /** An administrator set a new password for an account (the password itself is never recorded). */
  | 'user.password_reset'
  | 'session.login'
  | 'session.logout'
  /** A reviewed question added as a training example (of an intent, or of ngoai_pham_vi), or ignored. */
  | 'review.example'
  | 'review.out_of_scope'
  | 'review.ignore'
  /** A content version published, or an earlier one published again. */
  | 'content.publish'
  | 'content.rollback'
  /** A content file edited, created or deleted in a new draft (the form editor). */
  | 'content.edit'
  | 'content.create'
  | 'content.delete'
  /** An officer answered a citizen waiting for one, or gave the conversation back to the bot. */
  | 'handover.reply'
  | 'handover.release'
  /** Training examples and FAQ fields imported from a spreadsheet into a new draft. */
  | 'spreadsheet.import'
  /** A citizen's stored data exported, or deleted, at their request (target: the masked channel user). */
  | 'citizen.export'
  | 'citizen.delete';

/** One change: who, when, what, and the changed object before and after (never a password or hash). */
export interface AuditEntry {
  readonly id: number;
  readonly at: Date;
  readonly user: string;
  readonly action: AuditAction;
  readonly target: string;
  readonly before: Record<string, unknown> | null;
  readonly after: Record<string, unknown> | null;
}

export interface LoginFailure {
  readonly username: string;
  readonly address: string;
  readonly at: Date;
}

/** Failed logins within a window: how many, and the oldest (when the window starts to free up). */
export interface FailureCount {
  readonly count: number;
  readonly oldest?: Date;
}

/**
 * Staff accounts, their sessions, the audit log and recent failed logins. Every change to an
 * account or session writes its audit entry in the same transaction.
 */
export interface StaffStore {
  countUsers(): Promise<number>;
  /** Every account, oldest first. */
  listUsers(): Promise<StaffUser[]>;
  findAccount(username: string): Promise<StaffAccount | undefined>;
  /** Throws UsernameTakenError when the username exists. */
  createUser(user: NewStaffUser, by: Actor): Promise<StaffUser>;
  /** Undefined when there is no such account; disabling an account also ends its sessions. */
  updateUser(id: number, changes: StaffUserChanges, by: Actor): Promise<StaffUser | undefined>;
  /**
   * Replaces the account's password hash and ends all its sessions; the audit entry records how
   * many sessions ended, never the hash. Undefined when there is no such account.
   */
  resetPassword(id: number, passwordHash: string, by: Actor): Promise<StaffUser | undefined>;

  /** Stores a session (and forgets the sessions expired by `by.at`). */
  createSession(session: StaffSession, by: Actor): Promise<void>;
  /** The session and its account, expired or not. */
  findSession(idHash: string): Promise<{ session: StaffSession; user: StaffUser } | undefined>;
  deleteSession(idHash: string, by: Actor): Promise<void>;

  /** Records a failed login and forgets failures older than `forgetBefore`. */
  recordLoginFailure(failure: LoginFailure, forgetBefore: Date): Promise<void>;
  /** Failures since `since` for the username and, separately, for the address. */
  loginFailures(username: string, address: string, since: Date): Promise<{ username: FailureCount; address: FailureCount }>;
  /** Forgets the username's failures (after it logged in); the address's failures stay. */
  clearLoginFailures(username: string): Promise<void>;

  /** Records a change made elsewhere (e.g. a reviewed question) in the audit log. */
  recordAudit(entry: Omit<AuditEntry, 'id' | 'at' | 'user'>, by: Actor): Promise<void>;

  /** Audit entries newest first, `limit` of them, older than entry `beforeId` when given. */
  auditLog(options: { limit: number; beforeId?: number }): Promise<AuditEntry[]>;

  close(): Promise<void>;
}

/** What the audit log keeps of an account. */
export function auditedUser(user: StaffUser): Record<string, unknown> {
  return { username: user.username, displayName: user.displayName, role: user.role, disabled: user.disabled };
}

/** What the audit log keeps of a session: never its id, hash or token. */
export function auditedSession(session: StaffSession): Record<string, unknown> {
  return { createdAt: session.createdAt.toISOString(), expiresAt: session.expiresAt.toISOString() };
}
