import type { Kysely, Selectable } from 'kysely';
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
} from '../admin/staff-store.js';
import { UsernameTakenError } from '../admin/username-taken-error.js';
import { Database, type DatabaseLocation } from './database.js';
import { fromJson, toDate, type Schema, type SessionsTable, type UsersTable } from './schema.js';
import { STAFF_MIGRATIONS } from './staff-migrations.js';

/**
 * Staff accounts, sessions, audit log and failed logins, next to the conversations, on SQLite or
 * PostgreSQL. Every change and its audit entry are one write transaction.
 */
export class SqlStaffStore implements StaffStore {
  constructor(private readonly db: Database) {}

  static async open(location: DatabaseLocation): Promise<SqlStaffStore> {
    return new SqlStaffStore(await Database.open(location, [STAFF_MIGRATIONS]));
  }

  /** A private store in memory, usable at once (tests, one-off CLI runs). */
  static inMemory(): SqlStaffStore {
    return new SqlStaffStore(Database.inMemory([STAFF_MIGRATIONS]));
  }

  async countUsers(): Promise<number> {
    const row = await this.db.run((db) => db.selectFrom('users').select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow());
    return Number(row.count);
  }

  async listUsers(): Promise<StaffUser[]> {
    const rows = await this.db.run((db) => db.selectFrom('users').selectAll().orderBy('id').execute());
    return rows.map(toUser);
  }

  async findAccount(username: string): Promise<StaffAccount | undefined> {
    const row = await this.db.run((db) => db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst());
    return row && { ...toUser(row), passwordHash: row.password_hash };
  }

  createUser(user: NewStaffUser, by: Actor): Promise<StaffUser> {
    return this.db.write(async (trx) => {
      const row = await trx
        .insertInto('users')
        .values({ username: user.username, display_name: user.displayName, role: user.role, password_hash: user.passwordHash, created_at: by.at })
        .onConflict((oc) => oc.column('username').doNothing())
        .returningAll()
        .executeTakeFirst();
      if (!row) throw new UsernameTakenError(user.username);
      const created = toUser(row);
      await audit(trx, by, 'user.create', created.username, null, auditedUser(created));
      return created;
    });
  }

  updateUser(id: number, changes: StaffUserChanges, by: Actor): Promise<StaffUser | undefined> {
    return this.db.write(async (trx) => {
      const row = await trx
        .selectFrom('users')
        .selectAll()
        .where('id', '=', id)
        .$if(this.db.dialect === 'postgres', (q) => q.forUpdate())
        .executeTakeFirst();
      if (!row) return undefined;
      const before = toUser(row);
      const after: StaffUser = {
        ...before,
        displayName: changes.displayName ?? before.displayName,
        role: changes.role ?? before.role,
        disabled: changes.disabled ?? before.disabled,
      };
      await trx.updateTable('users').set({ display_name: after.displayName, role: after.role, disabled: after.disabled }).where('id', '=', id).execute();
      if (after.disabled) await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
      await audit(trx, by, 'user.update', after.username, auditedUser(before), auditedUser(after));
      return after;
    });
  }

  resetPassword(id: number, passwordHash: string, by: Actor): Promise<StaffUser | undefined> {
    return this.db.write(async (trx) => {
      const row = await trx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', id).returningAll().executeTakeFirst();
      if (!row) return undefined;
      const ended = await trx.deleteFrom('sessions').where('user_id', '=', id).executeTakeFirst();
      await audit(trx, by, 'user.password_reset', row.username, null, { sessionsEnded: Number(ended.numDeletedRows) });
      return toUser(row);
    });
  }

  createSession(session: StaffSession, by: Actor): Promise<void> {
    return this.db.write(async (trx) => {
      await trx.deleteFrom('sessions').where('expires_at', '<=', by.at).execute();
      await trx
        .insertInto('sessions')
        .values({ id: session.idHash, user_id: session.userId, csrf_token: session.csrfToken, created_at: session.createdAt, expires_at: session.expiresAt })
        .execute();
      await audit(trx, by, 'session.login', by.user, null, auditedSession(session));
    });
  }

  async findSession(idHash: string): Promise<{ session: StaffSession; user: StaffUser } | undefined> {
    const row = await this.db.run((db) =>
      db
        .selectFrom('sessions as s')
        .innerJoin('users as u', 'u.id', 's.user_id')
        .selectAll('s')
        .select(['u.username', 'u.display_name', 'u.role', 'u.created_at as user_created_at', 'u.disabled'])
        .where('s.id', '=', idHash)
        .executeTakeFirst(),
    );
    return row && { session: toSession(row), user: toUser({ ...row, id: row.user_id, created_at: row.user_created_at }) };
  }

  deleteSession(idHash: string, by: Actor): Promise<void> {
    return this.db.write(async (trx) => {
      const row = await trx.deleteFrom('sessions').where('id', '=', idHash).returningAll().executeTakeFirst();
      if (!row) return;
      const owner = await trx.selectFrom('users').select('username').where('id', '=', row.user_id).executeTakeFirst();
      await audit(trx, by, 'session.logout', owner?.username ?? String(row.user_id), auditedSession(toSession(row)), null);
    });
  }

  recordLoginFailure(failure: LoginFailure, forgetBefore: Date): Promise<void> {
    return this.db.write(async (trx) => {
      await trx.deleteFrom('login_attempts').where('at', '<', forgetBefore).execute();
      await trx.insertInto('login_attempts').values({ username: failure.username, address: failure.address, at: failure.at }).execute();
    });
  }

  loginFailures(username: string, address: string, since: Date): Promise<{ username: FailureCount; address: FailureCount }> {
    const count = async (db: Kysely<Schema>, column: 'username' | 'address', value: string): Promise<FailureCount> => {
      // An aggregate without GROUP BY always returns its one row.
      const row = await db
        .selectFrom('login_attempts')
        .select((eb) => [eb.fn.countAll().as('count'), eb.fn.min('at').as('oldest')])
        .where(column, '=', value)
        .where('at', '>=', since)
        .executeTakeFirstOrThrow();
      return { count: Number(row.count), ...(row.oldest === null ? {} : { oldest: toDate(row.oldest) }) };
    };
    return this.db.run(async (db) => ({ username: await count(db, 'username', username), address: await count(db, 'address', address) }));
  }

  async clearLoginFailures(username: string): Promise<void> {
    await this.db.run((db) => db.deleteFrom('login_attempts').where('username', '=', username).execute());
  }

  recordAudit(entry: Omit<AuditEntry, 'id' | 'at' | 'user'>, by: Actor): Promise<void> {
    return this.db.run((db) => audit(db, by, entry.action, entry.target, entry.before, entry.after));
  }

  async auditLog(options: { limit: number; beforeId?: number }): Promise<AuditEntry[]> {
    const { beforeId } = options;
    const rows = await this.db.run((db) =>
      db
        .selectFrom('audit_log')
        .selectAll()
        .$if(beforeId !== undefined, (q) => q.where('id', '<', beforeId as number))
        .orderBy('id', 'desc')
        .limit(options.limit)
        .execute(),
    );
    return rows.map((row) => ({
      id: row.id,
      at: toDate(row.at),
      user: row.user,
      action: row.action,
      target: row.target,
      before: row.before === null ? null : fromJson<Record<string, unknown>>(row.before),
      after: row.after === null ? null : fromJson<Record<string, unknown>>(row.after),
    }));
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

async function audit(
  db: Kysely<Schema>,
  by: Actor,
  action: AuditEntry['action'],
  target: string,
  before: AuditEntry['before'],
  after: AuditEntry['after'],
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({ at: by.at, user: by.user, action, target, before: before && JSON.stringify(before), after: after && JSON.stringify(after) })
    .execute();
}

function toUser(row: Omit<Selectable<UsersTable>, 'password_hash'>): StaffUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    createdAt: toDate(row.created_at),
    disabled: Boolean(row.disabled),
  };
}

function toSession(row: Selectable<SessionsTable>): StaffSession {
  return { idHash: row.id, userId: row.user_id, csrfToken: row.csrf_token, createdAt: toDate(row.created_at), expiresAt: toDate(row.expires_at) };
}
