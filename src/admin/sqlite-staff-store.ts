import Database from 'better-sqlite3';
import type { Role } from './roles.js';
import {
  auditedSession,
  auditedUser,
  type Actor,
  type AuditEntry,
  type FailureCount,
  type LoginFailure,
  type NewStaffUser,
  type StaffAccount,
  type StaffSession,
  type StaffStore,
  type StaffUser,
  type StaffUserChanges,
} from './staff-store.js';
import { migrateStaff } from './sqlite-staff-migrations.js';
import { UsernameTakenError } from './username-taken-error.js';
import { SerializedAccess } from '../store/sqlite/serialized-access.js';
import { openSharedSqlite } from '../store/sqlite/open-shared-file.js';


interface UserRow {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  created_at: number;
  disabled: number;
}

interface SessionRow {
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: number;
  expires_at: number;
}

interface AuditRow {
  id: number;
  at: number;
  user: string;
  action: AuditEntry['action'];
  target: string;
  before: string | null;
  after: string | null;
}

interface CountRow {
  count: number;
  oldest: number | null;
}

/**
 * Staff store in the embedded SQLite file (WAL), usually the conversation store's own
 * `bot.sqlite`. Every operation is one short synchronous transaction; the operations of this
 * process run one at a time in call order, and wait for other connections' write locks without
 * blocking the event loop (see retryWhileBusy).
 */
export class SqliteStaffStore implements StaffStore {
  /** Tail of the chain of operations: a write waiting for the lock keeps later ones (and close) behind it. */
  private readonly access = new SerializedAccess();

  private readonly selectCount;
  private readonly selectUsers;
  private readonly selectByUsername;
  private readonly selectById;
  private readonly insertUser;
  private readonly writeUser;
  private readonly writePassword;
  private readonly insertSession;
  private readonly deleteExpired;
  private readonly selectSession;
  private readonly deleteOne;
  private readonly deleteOfUser;
  private readonly insertAudit;
  private readonly selectAudit;
  private readonly insertFailure;
  private readonly forgetFailures;
  private readonly countByUsername;
  private readonly countByAddress;
  private readonly clearFailures;

  private constructor(private readonly db: Database.Database) {
    this.selectCount = db.prepare<[], number>('SELECT count(*) FROM users').pluck();
    this.selectUsers = db.prepare<[], UserRow>('SELECT * FROM users ORDER BY id');
    this.selectByUsername = db.prepare<[string], UserRow>('SELECT * FROM users WHERE username = ?');
    this.selectById = db.prepare<[number], UserRow>('SELECT * FROM users WHERE id = ?');
    this.insertUser = db.prepare<[string, string, Role, string, number], UserRow>(`
      INSERT INTO users (username, display_name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (username) DO NOTHING
      RETURNING *`);
    this.writeUser = db.prepare<[string, Role, number, number]>('UPDATE users SET display_name = ?, role = ?, disabled = ? WHERE id = ?');
    this.writePassword = db.prepare<[string, number]>('UPDATE users SET password_hash = ? WHERE id = ?');
    this.insertSession = db.prepare<[string, number, string, number, number]>(
      'INSERT INTO sessions (id, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.deleteExpired = db.prepare<[number]>('DELETE FROM sessions WHERE expires_at <= ?');
    this.selectSession = db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE id = ?');
    this.deleteOne = db.prepare<[string]>('DELETE FROM sessions WHERE id = ?');
    this.deleteOfUser = db.prepare<[number]>('DELETE FROM sessions WHERE user_id = ?');
    this.insertAudit = db.prepare<[number, string, string, string, string | null, string | null]>(
      'INSERT INTO audit_log (at, "user", action, target, "before", "after") VALUES (?, ?, ?, ?, ?, ?)',
    );
    // 2^53 - 1 stands for "no upper bound".
    this.selectAudit = db.prepare<[number, number], AuditRow>('SELECT * FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT ?');
    this.insertFailure = db.prepare<[string, string, number]>('INSERT INTO login_attempts (username, address, at) VALUES (?, ?, ?)');
    this.forgetFailures = db.prepare<[number]>('DELETE FROM login_attempts WHERE at < ?');
    this.countByUsername = db.prepare<[string, number], CountRow>(
      'SELECT count(*) AS count, min(at) AS oldest FROM login_attempts WHERE username = ? AND at >= ?',
    );
    this.countByAddress = db.prepare<[string, number], CountRow>(
      'SELECT count(*) AS count, min(at) AS oldest FROM login_attempts WHERE address = ? AND at >= ?',
    );
    this.clearFailures = db.prepare<[string]>('DELETE FROM login_attempts WHERE username = ?');
  }

  /** Opens (creating if needed) the database file and brings the staff tables up to date. */
  static async open(path: string): Promise<SqliteStaffStore> {
    return new SqliteStaffStore(await openSharedSqlite(path, migrateStaff));
  }

  countUsers(): Promise<number> {
    // count(*) without GROUP BY always returns one row.
    return this.serialized(() => this.selectCount.get() as number);
  }

  listUsers(): Promise<StaffUser[]> {
    return this.serialized(() => this.selectUsers.all().map((row) => toUser(row)));
  }

  findAccount(username: string): Promise<StaffAccount | undefined> {
    return this.serialized(() => {
      const row = this.selectByUsername.get(username);
      return row && { ...toUser(row), passwordHash: row.password_hash };
    });
  }

  createUser(user: NewStaffUser, by: Actor): Promise<StaffUser> {
    return this.transaction(() => {
      const row = this.insertUser.get(user.username, user.displayName, user.role, user.passwordHash, by.at.getTime());
      if (!row) throw new UsernameTakenError(user.username);
      const created = toUser(row);
      this.audit(by, 'user.create', created.username, null, auditedUser(created));
      return created;
    });
  }

  updateUser(id: number, changes: StaffUserChanges, by: Actor): Promise<StaffUser | undefined> {
    return this.transaction(() => {
      const row = this.selectById.get(id);
      if (!row) return undefined;
      const before = toUser(row);
      const after: StaffUser = {
        ...before,
        displayName: changes.displayName ?? before.displayName,
        role: changes.role ?? before.role,
        disabled: changes.disabled ?? before.disabled,
      };
      this.writeUser.run(after.displayName, after.role, after.disabled ? 1 : 0, id);
      if (after.disabled) this.deleteOfUser.run(id);
      this.audit(by, 'user.update', after.username, auditedUser(before), auditedUser(after));
      return after;
    });
  }

  resetPassword(id: number, passwordHash: string, by: Actor): Promise<StaffUser | undefined> {
    return this.transaction(() => {
      const row = this.selectById.get(id);
      if (!row) return undefined;
      this.writePassword.run(passwordHash, id);
      const sessionsEnded = this.deleteOfUser.run(id).changes;
      this.audit(by, 'user.password_reset', row.username, null, { sessionsEnded });
      return toUser(row);
    });
  }

  createSession(session: StaffSession, by: Actor): Promise<void> {
    return this.transaction(() => {
      this.deleteExpired.run(by.at.getTime());
      this.insertSession.run(session.idHash, session.userId, session.csrfToken, session.createdAt.getTime(), session.expiresAt.getTime());
      this.audit(by, 'session.login', by.user, null, auditedSession(session));
    });
  }

  findSession(idHash: string): Promise<{ session: StaffSession; user: StaffUser } | undefined> {
    return this.serialized(() => {
      const row = this.selectSession.get(idHash);
      const user = row && this.selectById.get(row.user_id);
      return row && user && { session: toSession(row), user: toUser(user) };
    });
  }

  deleteSession(idHash: string, by: Actor): Promise<void> {
    return this.transaction(() => {
      const row = this.selectSession.get(idHash);
      if (!row) return;
      this.deleteOne.run(idHash);
      const owner = this.selectById.get(row.user_id);
      this.audit(by, 'session.logout', owner?.username ?? String(row.user_id), auditedSession(toSession(row)), null);
    });
  }

  recordLoginFailure(failure: LoginFailure, forgetBefore: Date): Promise<void> {
    return this.transaction(() => {
      this.forgetFailures.run(forgetBefore.getTime());
      this.insertFailure.run(failure.username, failure.address, failure.at.getTime());
    });
  }

  loginFailures(username: string, address: string, since: Date): Promise<{ username: FailureCount; address: FailureCount }> {
    return this.serialized(() => ({
      username: toCount(this.countByUsername.get(username, since.getTime())),
      address: toCount(this.countByAddress.get(address, since.getTime())),
    }));
  }

  clearLoginFailures(username: string): Promise<void> {
    return this.serialized(() => {
      this.clearFailures.run(username);
    });
  }

  recordAudit(entry: Omit<AuditEntry, 'id' | 'at' | 'user'>, by: Actor): Promise<void> {
    return this.serialized(() => this.audit(by, entry.action, entry.target, entry.before, entry.after));
  }

  auditLog(options: { limit: number; beforeId?: number }): Promise<AuditEntry[]> {
    return this.serialized(() =>
      this.selectAudit.all(options.beforeId ?? Number.MAX_SAFE_INTEGER, options.limit).map((row) => ({
        id: row.id,
        at: new Date(row.at),
        user: row.user,
        action: row.action,
        target: row.target,
        before: row.before === null ? null : (JSON.parse(row.before) as Record<string, unknown>),
        after: row.after === null ? null : (JSON.parse(row.after) as Record<string, unknown>),
      })),
    );
  }

  close(): Promise<void> {
    return this.exclusive(async () => {
      this.db.close();
    });
  }

  private audit(by: Actor, action: AuditEntry['action'], target: string, before: AuditEntry['before'], after: AuditEntry['after']): void {
    this.insertAudit.run(by.at.getTime(), by.user, action, target, before && JSON.stringify(before), after && JSON.stringify(after));
  }

  /** Runs `work` in an immediate (write-locking) transaction, in call order. */
  private transaction<T>(work: () => T): Promise<T> {
    return this.serialized(() => this.db.transaction(work).immediate());
  }

  /** Runs `work` after the operations called before it, retrying it while the file is locked. */
  private serialized<T>(work: () => T): Promise<T> {
    return this.access.serialized(work);
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    return this.access.exclusive(task);
  }
}

function toUser(row: UserRow): StaffUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    createdAt: new Date(row.created_at),
    disabled: row.disabled === 1,
  };
}

function toSession(row: SessionRow): StaffSession {
  return {
    idHash: row.id,
    userId: row.user_id,
    csrfToken: row.csrf_token,
    createdAt: new Date(row.created_at),
    expiresAt: new Date(row.expires_at),
  };
}

/** An aggregate without GROUP BY always returns its one row. */
function toCount(row: CountRow | undefined): FailureCount {
  const { count, oldest } = row as CountRow;
  return { count, ...(oldest === null ? {} : { oldest: new Date(oldest) }) };
}
