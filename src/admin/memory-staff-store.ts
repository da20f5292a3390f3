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
import { UsernameTakenError } from './username-taken-error.js';

/** Staff store in memory, for tests and trying things out; forgotten on exit. */
export class MemoryStaffStore implements StaffStore {
  private readonly accounts: StaffAccount[] = [];
  private readonly sessions = new Map<string, StaffSession>();
  private readonly audit: AuditEntry[] = [];
  private failures: LoginFailure[] = [];

  async countUsers(): Promise<number> {
    return this.accounts.length;
  }

  async listUsers(): Promise<StaffUser[]> {
    return this.accounts.map(withoutHash);
  }

  async findAccount(username: string): Promise<StaffAccount | undefined> {
    return this.accounts.find((a) => a.username === username);
  }

  async createUser(user: NewStaffUser, by: Actor): Promise<StaffUser> {
    if (this.accounts.some((a) => a.username === user.username)) throw new UsernameTakenError(user.username);
    const account: StaffAccount = { ...user, id: this.accounts.length + 1, createdAt: by.at, disabled: false };
    this.accounts.push(account);
    const created = withoutHash(account);
    this.record(by, 'user.create', account.username, null, auditedUser(created));
    return created;
  }

  async updateUser(id: number, changes: StaffUserChanges, by: Actor): Promise<StaffUser | undefined> {
    const index = this.accounts.findIndex((a) => a.id === id);
    const old = this.accounts[index];
    if (!old) return undefined;
    const account: StaffAccount = { ...old, ...definedOnly(changes) };
    this.accounts[index] = account;
    if (account.disabled) for (const [key, s] of this.sessions) if (s.userId === id) this.sessions.delete(key);
    const updated = withoutHash(account);
    this.record(by, 'user.update', account.username, auditedUser(withoutHash(old)), auditedUser(updated));
    return updated;
  }

  async resetPassword(id: number, passwordHash: string, by: Actor): Promise<StaffUser | undefined> {
    const index = this.accounts.findIndex((a) => a.id === id);
    const old = this.accounts[index];
    if (!old) return undefined;
    this.accounts[index] = { ...old, passwordHash };
    let sessionsEnded = 0;
    for (const [key, s] of this.sessions) {
      if (s.userId !== id) continue;
      this.sessions.delete(key);
      sessionsEnded += 1;
    }
    this.record(by, 'user.password_reset', old.username, null, { sessionsEnded });
    return withoutHash(old);
  }

  async createSession(session: StaffSession, by: Actor): Promise<void> {
    for (const [key, s] of this.sessions) if (s.expiresAt <= by.at) this.sessions.delete(key);
    this.sessions.set(session.idHash, session);
    this.record(by, 'session.login', by.user, null, auditedSession(session));
  }

  async findSession(idHash: string): Promise<{ session: StaffSession; user: StaffUser } | undefined> {
    const session = this.sessions.get(idHash);
    const account = session && this.accounts.find((a) => a.id === session.userId);
    return session && account && { session, user: withoutHash(account) };
  }

  async deleteSession(idHash: string, by: Actor): Promise<void> {
    const session = this.sessions.get(idHash);
    if (!session) return;
    this.sessions.delete(idHash);
    const owner = this.accounts.find((a) => a.id === session.userId);
    this.record(by, 'session.logout', owner?.username ?? String(session.userId), auditedSession(session), null);
  }

  async recordLoginFailure(failure: LoginFailure, forgetBefore: Date): Promise<void> {
    this.failures = [...this.failures.filter((f) => f.at >= forgetBefore), failure];
  }

  async loginFailures(username: string, address: string, since: Date): Promise<{ username: FailureCount; address: FailureCount }> {
    const recent = this.failures.filter((f) => f.at >= since);
    return { username: count(recent.filter((f) => f.username === username)), address: count(recent.filter((f) => f.address === address)) };
  }

  async clearLoginFailures(username: string): Promise<void> {
    this.failures = this.failures.filter((f) => f.username !== username);
  }

  async recordAudit(entry: Omit<AuditEntry, 'id' | 'at' | 'user'>, by: Actor): Promise<void> {
    this.record(by, entry.action, entry.target, entry.before, entry.after);
  }

  async auditLog(options: { limit: number; beforeId?: number }): Promise<AuditEntry[]> {
    return this.audit
      .filter((e) => options.beforeId === undefined || e.id < options.beforeId)
      .reverse()
      .slice(0, options.limit);
  }

  async close(): Promise<void> {}

  private record(by: Actor, action: AuditEntry['action'], target: string, before: AuditEntry['before'], after: AuditEntry['after']): void {
    this.audit.push({ id: this.audit.length + 1, at: by.at, user: by.user, action, target, before, after });
  }
}

function withoutHash({ passwordHash: _, ...user }: StaffAccount): StaffUser {
  return user;
}

function definedOnly(changes: StaffUserChanges): StaffUserChanges {
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
}

function count(failures: readonly LoginFailure[]): FailureCount {
  const oldest = failures.reduce<Date | undefined>((min, f) => (min && min <= f.at ? min : f.at), undefined);
  return { count: failures.length, ...(oldest ? { oldest } : {}) };
}
