import pg from 'pg';
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
import { migrateStaff } from './postgres-staff-migrations.js';
import { UsernameTakenError } from './username-taken-error.js';
import { inTransaction } from '../store/postgres/transaction.js';

interface UserRow {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  created_at: Date;
  disabled: boolean;
}

interface SessionRow {
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: Date;
  expires_at: Date;
}

interface AuditRow {
  id: number;
  at: Date;
  user: string;
  action: AuditEntry['action'];
  target: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

interface CountRow {
  count: number;
  oldest: Date | null;
}

/** Staff store shared by several bot instances, in the same database (and schema) as the conversation store. */
export class PostgresStaffStore implements StaffStore {
  private constructor(private readonly pool: pg.Pool) {}

  /** Connects and brings the staff tables up to date. */
  static async open(url: string): Promise<PostgresStaffStore> {
    const pool = new pg.Pool({ connectionString: url });
    // An idle connection that fails is dropped by the pool and replaced on next use; without a
    // listener the 'error' event would crash the process. Outages surface through queries.
    pool.on('error', () => undefined);
    try {
      await migrateStaff(pool);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresStaffStore(pool);
  }

  async countUsers(): Promise<number> {
    const { rows } = await this.pool.query<{ count: number }>('SELECT count(*)::integer AS count FROM users');
    return rows[0]?.count ?? 0;
  }

  async listUsers(): Promise<StaffUser[]> {
    const { rows } = await this.pool.query<UserRow>('SELECT * FROM users ORDER BY id');
    return rows.map(toUser);
  }

  async findAccount(username: string): Promise<StaffAccount | undefined> {
    const { rows } = await this.pool.query<UserRow>('SELECT * FROM users WHERE username = $1', [username]);
    const row = rows[0];
    return row && { ...toUser(row), passwordHash: row.password_hash };
  }

  createUser(user: NewStaffUser, by: Actor): Promise<StaffUser> {
    return this.transaction(async (client) => {
      const { rows } = await client.query<UserRow>(
        `INSERT INTO users (username, display_name, role, password_hash, created_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (username) DO NOTHING
         RETURNING *`,
        [user.username, user.displayName, user.role, user.passwordHash, by.at],
      );
      const row = rows[0];
      if (!row) throw new UsernameTakenError(user.username);
      const created = toUser(row);
      await audit(client, by, 'user.create', created.username, null, auditedUser(created));
      return created;
    });
  }

  updateUser(id: number, changes: StaffUserChanges, by: Actor): Promise<StaffUser | undefined> {
    return this.transaction(async (client) => {
      const { rows } = await client.query<UserRow>('SELECT * FROM users WHERE id = $1 FOR UPDATE', [id]);
      const row = rows[0];
      if (!row) return undefined;
      const before = toUser(row);
      const after: StaffUser = {
        ...before,
        displayName: changes.displayName ?? before.displayName,
        role: changes.role ?? before.role,
        disabled: changes.disabled ?? before.disabled,
      };
      await client.query('UPDATE users SET display_name = $1, role = $2, disabled = $3 WHERE id = $4', [
        after.displayName,
        after.role,
        after.disabled,
        id,
      ]);
      if (after.disabled) await client.query('DELETE FROM sessions WHERE user_id = $1', [id]);
      await audit(client, by, 'user.update', after.username, auditedUser(before), auditedUser(after));
      return after;
    });
  }

  resetPassword(id: number, passwordHash: string, by: Actor): Promise<StaffUser | undefined> {
    return this.transaction(async (client) => {
      const { rows } = await client.query<UserRow>('UPDATE users SET password_hash = $1 WHERE id = $2 RETURNING *', [passwordHash, id]);
      const row = rows[0];
      if (!row) return undefined;
      const ended = await client.query('DELETE FROM sessions WHERE user_id = $1', [id]);
      await audit(client, by, 'user.password_reset', row.username, null, { sessionsEnded: ended.rowCount ?? 0 });
      return toUser(row);
    });
  }

  createSession(session: StaffSession, by: Actor): Promise<void> {
    return this.transaction(async (client) => {
      await client.query('DELETE FROM sessions WHERE expires_at <= $1', [by.at]);
      await client.query('INSERT INTO sessions (id, user_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)', [
        session.idHash,
        session.userId,
        session.csrfToken,
        session.createdAt,
        session.expiresAt,
      ]);
      await audit(client, by, 'session.login', by.user, null, auditedSession(session));
    });
  }

  async findSession(idHash: string): Promise<{ session: StaffSession; user: StaffUser } | undefined> {
    const { rows } = await this.pool.query<SessionRow & Omit<UserRow, 'id' | 'password_hash' | 'created_at'> & { user_created_at: Date }>(
      `SELECT s.*, u.username, u.display_name, u.role, u.created_at AS user_created_at, u.disabled
       FROM sessions AS s JOIN users AS u ON u.id = s.user_id WHERE s.id = $1`,
      [idHash],
    );
    const row = rows[0];
    return (
      row && {
        session: toSession(row),
        user: toUser({ ...row, id: row.user_id, created_at: row.user_created_at }),
      }
    );
  }

  deleteSession(idHash: string, by: Actor): Promise<void> {
    return this.transaction(async (client) => {
      const { rows } = await client.query<SessionRow & { username: string | null }>(
        `DELETE FROM sessions AS s WHERE s.id = $1
         RETURNING s.*, (SELECT username FROM users WHERE users.id = s.user_id) AS username`,
        [idHash],
      );
      const row = rows[0];
      if (row) await audit(client, by, 'session.logout', row.username ?? String(row.user_id), auditedSession(toSession(row)), null);
    });
  }

  async recordLoginFailure(failure: LoginFailure, forgetBefore: Date): Promise<void> {
    await this.transaction(async (client) => {
      await client.query('DELETE FROM login_attempts WHERE at < $1', [forgetBefore]);
      await client.query('INSERT INTO login_attempts (username, address, at) VALUES ($1, $2, $3)', [
        failure.username,
        failure.address,
        failure.at,
      ]);
    });
  }

  async loginFailures(username: string, address: string, since: Date): Promise<{ username: FailureCount; address: FailureCount }> {
    const count = async (column: 'username' | 'address', value: string): Promise<FailureCount> => {
      const { rows } = await this.pool.query<CountRow>(
        `SELECT count(*)::integer AS count, min(at) AS oldest FROM login_attempts WHERE ${column} = $1 AND at >= $2`,
        [value, since],
      );
      const row = rows[0];
      return { count: row?.count ?? 0, ...(row?.oldest ? { oldest: row.oldest } : {}) };
    };
    return { username: await count('username', username), address: await count('address', address) };
  }

  async clearLoginFailures(username: string): Promise<void> {
    await this.pool.query('DELETE FROM login_attempts WHERE username = $1', [username]);
  }

  async recordAudit(entry: Omit<AuditEntry, 'id' | 'at' | 'user'>, by: Actor): Promise<void> {
    await audit(this.pool, by, entry.action, entry.target, entry.before, entry.after);
  }

  async auditLog(options: { limit: number; beforeId?: number }): Promise<AuditEntry[]> {
    // A null $1 means no upper bound.
    const { rows } = await this.pool.query<AuditRow>(
      'SELECT * FROM audit_log WHERE $1::integer IS NULL OR id < $1 ORDER BY id DESC LIMIT $2',
      [options.beforeId ?? null, options.limit],
    );
    return rows;
  }

  close(): Promise<void> {
    return this.pool.end();
  }

  private transaction<T>(body: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, body);
  }

}

async function audit(
  db: pg.PoolClient | pg.Pool,
  by: Actor,
  action: AuditEntry['action'],
  target: string,
  before: AuditEntry['before'],
  after: AuditEntry['after'],
): Promise<void> {
  await db.query('INSERT INTO audit_log (at, "user", action, target, before, after) VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb)', [
    by.at,
    by.user,
    action,
    target,
    before && JSON.stringify(before),
    after && JSON.stringify(after),
  ]);
}

function toUser(row: Omit<UserRow, 'password_hash'>): StaffUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    createdAt: row.created_at,
    disabled: row.disabled,
  };
}

function toSession(row: SessionRow): StaffSession {
  return { idHash: row.id, userId: row.user_id, csrfToken: row.csrf_token, createdAt: row.created_at, expiresAt: row.expires_at };
}
