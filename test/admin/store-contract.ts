import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StaffSession, StaffStore } from '../../src/admin/staff-store.js';
import { UsernameTakenError } from '../../src/admin/username-taken-error.js';
import { PASSWORD, adminHarness } from './admin-harness.js';

export interface OpenedStaffStore {
  readonly staff: StaffStore;
  readonly dispose: () => Promise<void>;
}

const at = (minute: number): Date => new Date(Date.UTC(2025, 6, 1, 8, minute));
const by = (user: string, minute: number) => ({ user, at: at(minute) });
const HASH = 'scrypt$32768$8$1$c2FsdHNhbHRzYWx0c2FsdA$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U';
const NEW_HASH = 'scrypt$32768$8$1$bmV3c2FsdG5ld3NhbHRuZQ$bmV3a2V5bmV3a2V5bmV3a2V5bmV3a2V5bmV3a2V5bmU';

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

    it('sets a new password, ends every session of that account only, and records it without the hash', async () => {
      const minh = await staff.createUser({ username: 'minh', displayName: 'Minh', role: 'editor', passwordHash: HASH }, by('@cli', 1));
      const lan = await staff.createUser({ username: 'lan', displayName: 'Lan', role: 'admin', passwordHash: HASH }, by('@cli', 1));
      await staff.createSession(session('m1', minh.id, 90), by('minh', 2));
      await staff.createSession(session('m2', minh.id, 90), by('minh', 3));
      await staff.createSession(session('l1', lan.id, 90), by('lan', 4));

      expect(await staff.resetPassword(minh.id, NEW_HASH, by('lan', 5))).toEqual(minh);
      expect(await staff.findAccount('minh')).toEqual({ ...minh, passwordHash: NEW_HASH });
      expect(await staff.findAccount('lan')).toEqual({ ...lan, passwordHash: HASH });
      expect(await staff.findSession('m1')).toBeUndefined();
      expect(await staff.findSession('m2')).toBeUndefined();
      expect(await staff.findSession('l1')).toEqual({ session: session('l1', lan.id, 90), user: lan });

      expect(await staff.resetPassword(9999, NEW_HASH, by('lan', 6))).toBeUndefined();
      const log = await staff.auditLog({ limit: 10 });
      expect(log[0]).toEqual({
        id: expect.any(Number),
        at: at(5),
        user: 'lan',
        action: 'user.password_reset',
        target: 'minh',
        before: null,
        after: { sessionsEnded: 2 },
      });
      expect(JSON.stringify(log)).not.toContain('scrypt');
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

  describe(`${name} staff store: setting a new password through the API`, () => {
    let opened: OpenedStaffStore;
    beforeEach(async () => {
      opened = await open();
    });
    afterEach(async () => {
      await opened.dispose();
    });

    it('lets only an administrator do it; the old password and every session of the account stop working', async () => {
      const h = adminHarness({ staff: opened.staff });
      await h.seed('lan', 'admin');
      const minh = await h.seed('minh', 'editor');
      const admin = await h.login('lan');
      const phone = await h.login('minh');
      const laptop = await h.login('minh');
      const path = `/api/users/${minh.id}/password`;
      const json = { password: 'mat-khau-moi-cua-minh' };

      const loggedOut = await h.call(path, { method: 'POST', json, csrf: 'x' });
      expect(loggedOut.status).toBe(401);
      const byEditor = await h.call(path, { method: 'POST', json, cookie: phone.cookie, csrf: phone.csrf });
      expect(byEditor.status).toBe(403);
      expect(await byEditor.json()).toEqual({ error: 'Anh/Chị không có quyền thực hiện thao tác này.' });
      for (const csrf of ['forged', phone.csrf]) {
        const forged = await h.call(path, { method: 'POST', json, cookie: admin.cookie, csrf });
        expect(forged.status).toBe(403);
        expect(await forged.json()).toEqual({ error: expect.stringContaining('CSRF') });
      }
      const short = await h.call(path, { method: 'POST', json: { password: 'ngan' }, cookie: admin.cookie, csrf: admin.csrf });
      expect(short.status).toBe(400);
      expect(await short.json()).toEqual({ error: 'Mật khẩu phải có ít nhất 10 ký tự.' });
      const missing = await h.call('/api/users/9999/password', { method: 'POST', json, cookie: admin.cookie, csrf: admin.csrf });
      expect(missing.status).toBe(404);
      expect(await missing.json()).toEqual({ error: 'Không tìm thấy tài khoản.' });
      // Nothing refused changed anything.
      expect((await h.call('/api/session', { cookie: phone.cookie })).status).toBe(200);

      const reset = await h.call(path, { method: 'POST', json, cookie: admin.cookie, csrf: admin.csrf });
      expect(reset.status).toBe(200);
      const text = await reset.text();
      expect(text).not.toMatch(/scrypt|mat-khau/);
      expect(JSON.parse(text)).toEqual({ user: expect.objectContaining({ id: minh.id, username: 'minh', role: 'editor', disabled: false }) });

      for (const s of [phone, laptop]) expect((await h.call('/api/session', { cookie: s.cookie })).status).toBe(401);
      expect((await h.call('/api/session', { cookie: admin.cookie })).status).toBe(200);
      const old = await h.call('/api/login', { method: 'POST', json: { username: 'minh', password: PASSWORD } });
      expect(old.status).toBe(401);
      await h.login('minh', json.password);

      const audit = await h.call('/api/audit?limit=50', { cookie: admin.cookie });
      const log = await audit.text();
      expect(log).not.toMatch(/scrypt|mat-khau/);
      expect((JSON.parse(log) as { entries: unknown[] }).entries).toContainEqual({
        id: expect.any(Number),
        at: h.clock.now.toISOString(),
        user: 'lan',
        action: 'user.password_reset',
        target: 'minh',
        before: null,
        after: { sessionsEnded: 2 },
      });
    });
  });
}
