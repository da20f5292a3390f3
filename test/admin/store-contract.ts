import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StaffSession, StaffStore } from '../../src/admin/staff-store.js';
import { UsernameTakenError } from '../../src/admin/username-taken-error.js';

export interface OpenedStaffStore {
  readonly staff: StaffStore;
  readonly dispose: () => Promise<void>;
}

const at = (minute: number): Date => new Date(Date.UTC(2025, 6, 1, 8, minute));
const by = (user: string, minute: number) => ({ user, at: at(minute) });
const HASH = 'scrypt$32768$8$1$c2FsdHNhbHRzYWx0c2FsdA$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U';

function session(idHash: string, userId: number, expiresMinute: number): StaffSession {
  return { idHash, userId, csrfToken: `csrf-${idHash}`, createdAt: at(0), expiresAt: at(expiresMinute) };
}

/** What every StaffStore must do, run against each implementation. */
export function staffStoreContract(name: string, open: () => Promise<OpenedStaffStore>): void {
  describe(`${name} staff store`, () => {
    let opened: OpenedStaffStore;
    let staff: StaffStore;
    beforeEach(async () => {
      opened = await open();
      staff = opened.staff;
    });
    afterEach(async () => {
      await opened.dispose();
    });

    it('creates, finds and lists accounts, refusing a taken username', async () => {
      expect(await staff.countUsers()).toBe(0);
      const lan = await staff.createUser({ username: 'lan', displayName: 'Nguyễn Thị Lan', role: 'admin', passwordHash: HASH }, by('@cli', 1));
      expect(lan).toEqual({ id: lan.id, username: 'lan', displayName: 'Nguyễn Thị Lan', role: 'admin', createdAt: at(1), disabled: false });
      expect(lan).not.toHaveProperty('passwordHash');
      const minh = await staff.createUser({ username: 'minh', displayName: 'Minh', role: 'editor', passwordHash: HASH }, by('lan', 2));
      await expect(
        staff.createUser({ username: 'minh', displayName: 'Khác', role: 'admin', passwordHash: HASH }, by('lan', 3)),
      ).rejects.toBeInstanceOf(UsernameTakenError);

      expect(await staff.countUsers()).toBe(2);
      expect(await staff.listUsers()).toEqual([lan, minh]);
      expect(await staff.findAccount('minh')).toEqual({ ...minh, passwordHash: HASH });
      expect(await staff.findAccount('nobody')).toBeUndefined();
    });

    it('updates an account and records before and after, never the hash', async () => {
      const minh = await staff.createUser({ username: 'minh', displayName: 'Minh', role: 'editor', passwordHash: HASH }, by('@cli', 1));
      const promoted = await staff.updateUser(minh.id, { role: 'publisher' }, by('lan', 2));
      expect(promoted).toEqual({ ...minh, role: 'publisher' });
      expect(await staff.updateUser(9999, { role: 'admin' }, by('lan', 3))).toBeUndefined();

      const log = await staff.auditLog({ limit: 10 });
      expect(log).toEqual([
        {
          id: expect.any(Number),
          at: at(2),
          user: 'lan',
          action: 'user.update',
          target: 'minh',
          before: { username: 'minh', displayName: 'Minh', role: 'editor', disabled: false },
          after: { username: 'minh', displayName: 'Minh', role: 'publisher', disabled: false },
        },
        {
          id: expect.any(Number),
          at: at(1),
          user: '@cli',
          action: 'user.create',
          target: 'minh',
          before: null,
          after: { username: 'minh', displayName: 'Minh', role: 'editor', disabled: false },
        },
      ]);
      expect(JSON.stringify(log)).not.toContain('scrypt');
    });

    it('keeps sessions with their account, ends them when the account is disabled, and forgets expired ones', async () => {
      const minh = await staff.createUser({ username: 'minh', displayName: 'Minh', role: 'editor', passwordHash: HASH }, by('@cli', 1));
      await staff.createSession(session('a', minh.id, 30), by('minh', 2));
      expect(await staff.findSession('a')).toEqual({ session: session('a', minh.id, 30), user: minh });
      expect(await staff.findSession('missing')).toBeUndefined();

      // Logging in at minute 31 forgets session a, expired at 30.
      await staff.createSession(session('b', minh.id, 90), by('minh', 31));
      expect(await staff.findSession('a')).toBeUndefined();

      await staff.deleteSession('b', by('minh', 32));
      expect(await staff.findSession('b')).toBeUndefined();
      await staff.deleteSession('b', by('minh', 33));

      await staff.createSession(session('c', minh.id, 90), by('minh', 34));
      await staff.updateUser(minh.id, { disabled: true }, by('lan', 35));
      expect(await staff.findSession('c')).toBeUndefined();

      const actions = (await staff.auditLog({ limit: 10 })).map((e) => [e.action, e.user, e.target]);
      expect(actions).toEqual([
        ['user.update', 'lan', 'minh'],
        ['session.login', 'minh', 'minh'],
        ['session.logout', 'minh', 'minh'],
        ['session.login', 'minh', 'minh'],
        ['session.login', 'minh', 'minh'],
        ['user.create', '@cli', 'minh'],
      ]);
      const logout = (await staff.auditLog({ limit: 10 })).find((e) => e.action === 'session.logout');
      expect(logout?.before).toEqual({ createdAt: at(0).toISOString(), expiresAt: at(90).toISOString() });
      expect(JSON.stringify(await staff.auditLog({ limit: 10 }))).not.toMatch(/csrf-|"b"/);
    });

    it('counts failed logins per username and per address within the window', async () => {
      await staff.recordLoginFailure({ username: 'lan', address: '10.0.0.1', at: at(1) }, at(0));
      await staff.recordLoginFailure({ username: 'lan', address: '10.0.0.2', at: at(2) }, at(0));
      await staff.recordLoginFailure({ username: 'minh', address: '10.0.0.1', at: at(3) }, at(0));

      expect(await staff.loginFailures('lan', '10.0.0.1', at(0))).toEqual({
        username: { count: 2, oldest: at(1) },
        address: { count: 2, oldest: at(1) },
      });
      expect(await staff.loginFailures('lan', '10.0.0.1', at(2))).toEqual({
        username: { count: 1, oldest: at(2) },
        address: { count: 1, oldest: at(3) },
      });
      expect(await staff.loginFailures('hoa', '10.9.9.9', at(0))).toEqual({ username: { count: 0 }, address: { count: 0 } });

      // Forgotten: failures before minute 2 when the next one is recorded.
      await staff.recordLoginFailure({ username: 'hoa', address: '10.0.0.3', at: at(4) }, at(2));
      expect((await staff.loginFailures('lan', '10.0.0.1', at(0))).username).toEqual({ count: 1, oldest: at(2) });

      await staff.clearLoginFailures('minh');
      expect(await staff.loginFailures('minh', '10.0.0.1', at(0))).toEqual({ username: { count: 0 }, address: { count: 0 } });
      expect((await staff.loginFailures('hoa', '10.0.0.3', at(0))).address.count).toBe(1);
    });

    it('pages through the audit log newest first', async () => {
      for (const [i, username] of ['an', 'binh', 'chi', 'dung'].entries()) {
        await staff.createUser({ username, displayName: username, role: 'editor', passwordHash: HASH }, by('@cli', i));
      }
      const first = await staff.auditLog({ limit: 3 });
      expect(first.map((e) => e.target)).toEqual(['dung', 'chi', 'binh']);
      const rest = await staff.auditLog({ limit: 3, beforeId: first.at(-1)?.id ?? 0 });
      expect(rest.map((e) => e.target)).toEqual(['an']);
    });

    it('records changes made elsewhere in the audit log', async () => {
      await staff.recordAudit({ action: 'review.ignore', target: 'lam cccd', before: { status: 'new' }, after: { status: 'ignored' } }, by('lan', 5));
      expect(await staff.auditLog({ limit: 1 })).toEqual([
        { id: expect.any(Number), at: at(5), user: 'lan', action: 'review.ignore', target: 'lam cccd', before: { status: 'new' }, after: { status: 'ignored' } },
      ]);
    });
  });
}
